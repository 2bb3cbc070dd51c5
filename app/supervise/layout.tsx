import type { ReactNode } from "react";
import "./supervise.css";

/** The supervisor console (监督台): read-only views of an organization's audit log, and supervision opinions. */
export default function SuperviseLayout({ children }: { children: ReactNode }) {
  return <div className="supervise">{children}</div>;
}
