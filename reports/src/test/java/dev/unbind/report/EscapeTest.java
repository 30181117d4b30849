package dev.unbind.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EscapeTest {
    @Test
    void xml_escapesTheFiveAndDropsWhatXmlCannotCarry() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", Escape.xml("a <b> & \"c\" 'd'"));
        assertEquals("nulbell", Escape.xml("nul\u0000bell\u0007"));
        assertEquals("tab\tnl\n", Escape.xml("tab\tnl\n"));
        assertEquals("😀", Escape.xml("😀"));
        assertEquals("lone", Escape.xml("lone\uD800"));
    }

    @Test
    void md_escapesMarkupButNotUnderscoresInsideWords() {
        assertEquals("a \\| b \\<c\\> \\& \\*d\\* \\[e\\]", Escape.md("a | b <c> & *d* [e]"));
        assertEquals("drm_device and \\_x\\_", Escape.md("drm_device and _x_"));
        assertEquals("one line", Escape.md("one\nline"));
        assertEquals("\\# not a heading, -19, 2.5", Escape.md("# not a heading, -19, 2.5"));
        assertEquals("\\- not a bullet", Escape.md("- not a bullet"));
        assertEquals("1\\. not a list", Escape.md("1. not a list"));
    }

    @Test
    void mdCode_usesALongerFenceThanTheText() {
        assertEquals("`plain`", Escape.mdCode("plain", false));
        assertEquals("``a`b``", Escape.mdCode("a`b", false));
        assertEquals("`` `x ``", Escape.mdCode("`x", false));
        assertEquals("`a\\|b`", Escape.mdCode("a|b", true));
        assertEquals("````", Escape.fence("has ``` inside"));
    }
}
