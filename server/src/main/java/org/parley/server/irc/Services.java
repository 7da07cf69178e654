package org.parley.server.irc;

import java.util.concurrent.Executor;

import org.parley.server.auth.AuthService;
import org.parley.server.chat.ChatService;
import org.parley.server.chat.Directory;
import org.parley.server.chat.Presence;

/** The server's own services, the same a Parley connection uses, and the pool commands run on. */
public record Services(AuthService auth, ChatService chat, Presence presence, Directory directory, Executor requests) {
}
