/** The demo's logins, listed on the login page in demo mode (all with the same password). */
export const DEMO_PASSWORD = "yishi-demo";

export type DemoAccount = { phone: string; name: string; role: string };

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { phone: "13800000001", name: "村务管理员", role: "admin" },
  { phone: "13800000002", name: "陈国强", role: "chair" },
  { phone: "13800000003", name: "梁丽娟", role: "recorder" },
  { phone: "13800000004", name: "黄锦华", role: "member" },
  { phone: "13800000005", name: "李淑芬", role: "member" },
  { phone: "13800000006", name: "何耀祖", role: "member" },
  { phone: "13800000009", name: "周监督", role: "supervisor" },
  { phone: "13800000031", name: "张汉生", role: "resident" },
  // The demo township (issue #20): its reviewer (镇街工作人员) and its supervisor (镇街监督).
  { phone: "13800000041", name: "黄预审", role: "townshipReviewer" },
  { phone: "13800000042", name: "罗督查", role: "townshipSupervisor" },
];
