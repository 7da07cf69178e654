package org.parley.protocol.mina;

/**
 * A frame already serialised (JSON plus newline, UTF-8). Fan-out encodes a message once and writes the same
 * bytes to every recipient; the array must not be modified after construction.
 */
public record EncodedFrame(byte[] bytes) {
}
