package dev.unbind.result;

import java.util.List;

/** A journal read back. */
public record Results(List<Meta> metas, Catalogue catalogue, List<RunRecord> runs, List<FindingRecord> findings) {
}
