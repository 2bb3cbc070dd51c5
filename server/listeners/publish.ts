import { checkpointNow } from "../audit/checkpointNow";
import type { Listener } from "../events";
import { errorFields, logger } from "../ops/logger";

/**
 * After a notice (公示) is published or corrected, a checkpoint that covers it is signed, so the printed notice's QR
 * code leads to an inclusion proof at once. Best effort: the command already succeeded, and the periodic
 * checkpointer signs it later if this fails (server/queries/noticeVerify.ts also covers it).
 */
export const signOnPublish: Listener = async (event) => {
  if (event.type !== "notice.published") return;
  try {
    await checkpointNow(event.orgId);
  } catch (error) {
    logger().error({ ...errorFields(error), orgId: event.orgId }, "公示后签名检查点失败 checkpoint after publishing failed");
  }
};
