package dev.unbind.code;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class of a subject as the unchanged kernel core of its protocol: code that no variant
 * changes (drm_drv.c, the media core, misc_register...). The simulated kernel itself
 * ({@code dev.unbind.kernel}) counts as core without the mark.
 *
 * <p>A finding whose accessing and freeing functions both lie in core code is labelled
 * <em>suspect model</em>: the fix under test is not on the spot, so the author should first suspect
 * their model of the core.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Core {
}
