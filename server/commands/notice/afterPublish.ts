import { checkpointNow } from "../../audit/checkpointNow";
import { errorFields, logger } from "../../ops/logger";

/**
 * After a publication commits, sign a checkpoint that covers it, so the printed notice's QR code leads to an
 * inclusion proof at once. Best effort: the periodic checkpointer signs it later if this fails, and the command the
 * user ran has already succeeded.
 */
export async function signAfterPublish(orgId: string): Promise<void> {
  try {
    await checkpointNow(orgId);
  } catch (error) {
    logger().error({ orgId, ...errorFields(error) }, "公示后签名检查点失败 checkpoint after publishing failed");
  }
}
