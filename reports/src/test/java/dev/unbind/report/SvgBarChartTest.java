package dev.unbind.report;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvgBarChartTest {
    @Test
    void logAxis_spansTheDecadesOfTheValues() throws Exception {
        BarChart c = new BarChart("t", BarChart.Axis.LOG_SECONDS, List.of("explorer", "stress"), List.of(
                new BarChart.Bar("d1", 0, 0.02, "0.020 s"),
                new BarChart.Bar("d1", 1, 3.0, "3.000 s"),
                new BarChart.Bar("d2", 0, Double.NaN, "not found")));
        Document d = Xml.parse(SvgBarChart.render(c));
        List<String> texts = Xml.elements(d, "text").stream().map(Element::getTextContent).toList();
        assertTrue(texts.containsAll(List.of("10 ms", "100 ms", "1 s", "10 s")), texts.toString());
        assertTrue(!texts.contains("1 ms") && !texts.contains("100 s"), texts.toString());
        assertTrue(texts.contains("not found"));
        List<Element> bars = Xml.elements(d, "rect").stream().filter(r -> !r.getAttribute("y").equals("6")).toList();
        assertEquals(2, bars.size(), "no bar for a value that was not found");
        double shortBar = Double.parseDouble(bars.get(0).getAttribute("width"));
        double longBar = Double.parseDouble(bars.get(1).getAttribute("width"));
        // 0.02 s is log-half a decade into [10 ms, 10 s]; 3 s is 2.48 decades in: widths scale with log10.
        assertEquals(Math.log10(2) / 3, shortBar / 300, 0.01);
        assertEquals(Math.log10(300) / 3, longBar / 300, 0.01);
    }

    @Test
    void labels_areEscaped() throws Exception {
        BarChart c = new BarChart("a <b> & c", BarChart.Axis.PERCENT, List.of("v<1>"),
                List.of(new BarChart.Bar("P&Q", 0, 50, "50% <of> 2")));
        String svg = SvgBarChart.render(c);
        Document d = Xml.parse(svg);
        assertEquals("a <b> & c", d.getDocumentElement().getAttribute("aria-label"));
        assertTrue(svg.contains("50% &lt;of&gt; 2"));
    }
}
