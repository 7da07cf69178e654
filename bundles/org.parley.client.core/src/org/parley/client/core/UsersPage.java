package org.parley.client.core;

import java.util.List;

/** A page of {@link ParleyClient#onlineUsers(String, int)}; {@code more} when users after the last one exist. */
public record UsersPage(List<String> users, boolean more) {
}
