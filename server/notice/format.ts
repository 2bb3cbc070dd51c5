/** Dates as the paper notice prints them: 2026年11月27日 and 10:00, Asia/Shanghai (UTC+8 all year). */
import { CHINA_TIME_ZONE } from "../time";

const DATE = new Intl.DateTimeFormat("zh-CN", { timeZone: CHINA_TIME_ZONE, year: "numeric", month: "long", day: "numeric" });
const TIME = new Intl.DateTimeFormat("zh-CN", { timeZone: CHINA_TIME_ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

export function zhDate(date: Date): string {
  return DATE.format(date);
}

export function zhDateTime(date: Date): string {
  return `${DATE.format(date)} ${TIME.format(date)}`;
}
