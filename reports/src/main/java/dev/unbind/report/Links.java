package dev.unbind.report;

/**
 * Where a link of a report page points, for one format. A report is a main page ({@code index.html}
 * or {@code report.md}) with sub-pages beside it (one per family's details, one per witness), and
 * cells link in three ways:
 * <ul>
 *   <li>{@code #anchor}: an anchor of the main page (a variant, a defect), from any page;</li>
 *   <li>{@code @path#anchor}: another page of the report, named without its extension
 *       ({@link #page});</li>
 *   <li>anything else relative: a file of the results directory ({@code findings/x.json}).</li>
 * </ul>
 *
 * @param up       from this page to the results directory ({@code ""} on the main page, {@code "../"})
 * @param main     the main page's file name
 * @param ext      the pages' extension ({@code .html}, {@code .md})
 */
record Links(String up, String main, String ext) {
    static Links mainPage(String main, String ext) {
        return new Links("", main, ext);
    }

    /** The links of a page one directory below the main page. */
    Links below() {
        return new Links(up + "../", main, ext);
    }

    /** The href of another page of the report: {@code path} without extension, then an optional anchor. */
    static String page(String path, String anchor) {
        return "@" + path + (anchor == null ? "" : "#" + anchor);
    }

    String resolve(String href) {
        if (href == null || href.isEmpty()) {
            return href;
        }
        if (href.startsWith("#")) {
            return up.isEmpty() ? href : up + main + href;
        }
        if (href.startsWith("@")) {
            int hash = href.indexOf('#');
            String path = hash < 0 ? href.substring(1) : href.substring(1, hash);
            return up + path + ext + (hash < 0 ? "" : href.substring(hash));
        }
        if (href.contains(":") || href.startsWith("/")) {
            return href;
        }
        return up + href;
    }

    /** The file of a page, relative to the results directory. */
    String file(String path) {
        return path + ext;
    }
}
