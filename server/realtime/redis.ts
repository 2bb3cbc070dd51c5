import type { Server } from "socket.io";
import { StartupError } from "../config";
import { errorFields, logger } from "../ops/logger";

/**
 * Several nodes share rooms through Redis pub/sub. ioredis resubscribes after a reconnect (node-redis does not).
 * Errors are listened to: while Redis is down a node keeps serving its own clients instead of crashing.
 */
export type RedisLink = { attach(io: Server): void; close(): Promise<void> };

/** Connects (or fails with one clear line) before anything else starts, so a bad REDIS_URL writes nothing. */
export async function connectRedis(redisUrl: string): Promise<RedisLink> {
  // Loaded only when REDIS_URL is set: a single node's start does not pay for them (issue #24).
  const [{ Redis }, { createAdapter }] = await Promise.all([import("ioredis"), import("@socket.io/redis-adapter")]);
  const pub = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true });
  const sub = pub.duplicate();
  try {
    await Promise.race([
      Promise.all([pub.connect(), sub.connect()]),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout after 5 s")), 5_000)),
    ]);
  } catch (error) {
    pub.disconnect();
    sub.disconnect();
    throw new StartupError(`无法连接 Redis（REDIS_URL）: ${(error as Error).message}；请检查 Redis 是否在运行。 (cannot reach Redis)`);
  }
  let lastLogged = 0;
  const onError = (error: Error) => {
    // Reconnects are retried by ioredis; log at most once a minute so an outage does not flood the log.
    if (Date.now() - lastLogged > 60_000) {
      lastLogged = Date.now();
      logger().warn(errorFields(error), "redis unreachable: broadcasts reach this node's clients only until it is back");
    }
  };
  pub.on("error", onError);
  sub.on("error", onError);
  // The adapter publishes every broadcast without awaiting it. While Redis is down ioredis rejects those publishes
  // (MaxRetriesPerRequestError): handle each, or every broadcast becomes an unhandled rejection.
  const publish = pub.publish.bind(pub);
  const safePublish = (channel: string | Buffer, message: string | Buffer): Promise<number> => {
    const sent = publish(channel, message);
    sent.catch(onError);
    return sent;
  };
  pub.publish = safePublish as typeof pub.publish;
  return {
    attach(io: Server) {
      io.adapter(createAdapter(pub, sub));
    },
    async close() {
      pub.disconnect();
      sub.disconnect();
    },
  };
}
