/** Mainland China mobile numbers: 11 digits starting 13–19. */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

/** 138****5678: what anyone but an admin sees (个人信息保护法: minimum necessary). */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return "";
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : "****";
}
