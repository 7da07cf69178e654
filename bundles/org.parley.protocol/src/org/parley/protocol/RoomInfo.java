package org.parley.protocol;

/** One entry of a {@code rooms} reply. */
public record RoomInfo(String name, int members, boolean joined) {
}
