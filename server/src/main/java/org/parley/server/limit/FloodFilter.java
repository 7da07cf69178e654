package org.parley.server.limit;

import java.time.Clock;

import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.outbound.Outbound;

/**
 * Per-connection flood control: every decoded request takes a token from the connection's bucket; without
 * one, the request is answered RATE_LIMITED (with {@code retryAfterMs}) and dropped here, before it can cost
 * any work. The connection stays open, and nobody else is affected.
 */
public final class FloodFilter extends IoFilterAdapter {
    private static final AttributeKey BUCKET = new AttributeKey(FloodFilter.class, "bucket");

    private final double burst;
    private final double perSecond;
    private final Clock clock;

    public FloodFilter(double burst, double perSecond, Clock clock) {
        this.burst = burst;
        this.perSecond = perSecond;
        this.clock = clock;
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        if (message instanceof Request request) {
            TokenBucket bucket = (TokenBucket) session.getAttribute(BUCKET);
            if (bucket == null) {
                bucket = new TokenBucket(burst, perSecond, clock);
                session.setAttribute(BUCKET, bucket);
            }
            long wait = bucket.tryTake();
            if (wait > 0) {
                Outbound.write(session, new ServerMessage.Error(request.id(), ErrorCode.RATE_LIMITED,
                        "slow down: too many requests", wait));
                return;
            }
        }
        next.messageReceived(session, message);
    }
}
