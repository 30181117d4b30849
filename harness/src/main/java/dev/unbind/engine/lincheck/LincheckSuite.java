package dev.unbind.engine.lincheck;

import java.util.List;

/**
 * The Lincheck checks a module provides (the lincheck-tests module), found with
 * {@link java.util.ServiceLoader} under {@code META-INF/services/dev.unbind.engine.lincheck.LincheckSuite}.
 */
public interface LincheckSuite {
    List<LincheckCheck> checks();
}
