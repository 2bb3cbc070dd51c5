/** `tsx server/auth/checkMatrix.ts`: fails (exit 1) when a command, socket event or route has no permission row. */
import { matrixProblems } from "./matrixCoverage";

const problems = await matrixProblems(process.cwd());
if (problems.length > 0) {
  for (const problem of problems) console.error(`权限矩阵缺行 permission matrix: ${problem}`);
  process.exit(1);
}
console.log("permission matrix: every command, socket event and route has a row");
