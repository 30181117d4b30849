package dev.unbind.finding;

/**
 * One site of a finding together with the part it played ("accessed by", "allocated by", "freed
 * by", "blocked", ...).
 */
public record Role(String role, Site site) {
    public static Role of(String role, Site site) {
        return new Role(role, site);
    }
}
