/**
 * README.txt of an export bundle: how a supervisor checks the log, with verify.mjs or by hand with sha256sum,
 * openssl (3.0+) and jq. Chinese first (the readers are village supervisors), then English. The commands use
 * `tr -d '\n'` rather than GNU-only `head -c -1` to drop the line's newline (canonical JSON never contains one).
 */
export interface BundleReadmeInfo {
  origin: string;
  orgName?: string;
  entries: number;
  /** Sizes of the bundle's checkpoints. */
  checkpointSizes: readonly number[];
  exportedAt: Date;
  /** Verifier keys of the witnesses the server asks (c2sp.org/tlog-witness), for reference. */
  witnesses?: readonly string[];
  /** Sizes of the checkpoints that carry cosignature lines (76-byte signatures, c2sp.org/tlog-cosignature). */
  cosignedSizes?: readonly number[];
}

export function bundleReadme(info: BundleReadmeInfo): string {
  const latest = info.checkpointSizes.length > 0 ? Math.max(...info.checkpointSizes) : null;
  const sample = latest ?? 1;
  const line = Math.max(1, Math.min(info.entries - 1, 5));
  const org = info.orgName ? `${info.orgName} — ` : "";
  const cosigned = info.cosignedSizes ?? [];
  const witnessed = cosigned.length > 0 ? Math.max(...cosigned) : sample;
  const witnessList = (info.witnesses ?? []).map((w) => `    ${w}\n`).join("") || "    （未配置 none configured）\n";
  const witnessedLine = cosigned.length > 0 ? cosigned.map((size) => `checkpoints/${size}.txt`).join(", ") : "无 none";
  return `议事 Yishi 审计日志导出包 / audit log export bundle
${org}${info.origin}
导出时间 Exported: ${info.exportedAt.toISOString()}
条目 Entries: ${info.entries}${info.entries > 0 ? ` (seq 0 … ${info.entries - 1})` : ""}
最新签名检查点 Latest signed checkpoint: ${latest === null ? "无 none" : `checkpoints/${latest}.txt`}
有见证联署的检查点 Checkpoints with witness cosignatures: ${witnessedLine}

文件 Files
  entries.jsonl       每行一条记录（规范化 JSON，RFC 8785），第 N 行是 seq N−1 / one entry per line, line N is seq N−1
  checkpoints/S.txt   对前 S 条记录的签名检查点 / signed checkpoint of the first S entries (c2sp.org/tlog-checkpoint)
  log.pub             当前签名公钥 / current signing key (PEM, Ed25519)
  vkey                全部签名公钥，一行一个 / every signing key, one per line (c2sp.org/signed-note)
  verify.mjs          校验程序 / the verifier

======================================== 中文 ========================================

一、这是什么
  每次开会、点名、表决、计票、会议记录签字等，系统都写一条记录，且不能修改或删除。每条记录都含有上一条记录的
  哈希值（prev），所有记录组成一棵默克尔树（RFC 9162），系统定期用私钥对树根签名（检查点）。只要有人改动、删除或
  调换任何一条已签名的记录，校验就会失败。

二、一键校验（需要 Node.js 20 或更新版本，不需要联网）
  node verify.mjs .
  结果以 "OK" 开头表示全部通过。否则只输出一行 "FAIL: …"，指出第一个出问题的文件、行号、seq 或检查点，退出码不为 0。
  最新检查点之后的记录还没有签名，只受哈希链保护；下次签名（表决结束、休会、会议记录签字时）后才被覆盖。
  · 监督委员会以前保存过的检查点文件，可用来证明之后的导出包没有删改旧记录：
      node verify.mjs --checkpoint 以前保存的检查点.txt .
  · 核对村民的投票回执（.tlog-proof 文件，格式见 c2sp.org/tlog-proof：首行 c2sp.org/tlog-proof@v1，
    "extra" 行是该条记录原文的 base64，"index" 行是 seq，其后是默克尔包含证明，空行后是签名检查点）：
      node verify.mjs --receipt 回执.tlog-proof .
  · 核对决议凭证（决议公示和会议记录上的二维码打开 /c/<编号> 页面，页面上可打开凭证文件；文件是 JSON，含
    decision.certified 记录的包含证明，有实施计划后还含计划记录的证明）。通过时说明凭证证明了什么，否则输出
    FAIL 并指出哪一项或哪个证明与日志不符：
      node verify.mjs --certificate yishi-decision-编号.json --key vkey
  · 若公钥由上级另行公布，可用公布的公钥代替本包里的 vkey：
      node verify.mjs --vkey 公布的vkey文件 .

三、手工核对（Linux 自带的 sha256sum、openssl 3、jq）
  注意：只用 jq 读取，不要用它改写 entries.jsonl，否则字节变化，哈希就对不上了。
  1. 查看记录
       jq -r '[.seq, .ts, .action, (.actor.name // "系统")] | @tsv' entries.jsonl
       jq -c 'select(.action == "vote.result")' entries.jsonl
  2. 核对哈希链：第 ${line} 行的叶子哈希 = SHA-256(0x00 || 该行内容，不含换行)，应等于第 ${line + 1} 行的 prev
       sed -n '${line}p' entries.jsonl | tr -d '\\n' | (printf '\\000'; cat) | sha256sum
       sed -n '${line + 1}p' entries.jsonl | jq -r .prev
  3. 核对检查点签名（检查点第 1–3 行是被签名的内容，第 5 行起每行一个签名）
       head -n 3 checkpoints/${sample}.txt > body.txt
       sed -n '5p' checkpoints/${sample}.txt | cut -d' ' -f3 | base64 -d | tail -c 64 > sig.bin
       openssl pkeyutl -verify -pubin -inkey log.pub -rawin -in body.txt -sigfile sig.bin
     应显示 "Signature Verified Successfully"。换过密钥时有多行签名，请选与 log.pub 对应的那一行。
  4. 核对密钥编号：下面两行输出应相同（签名前 4 字节 = SHA-256(密钥名 || 换行 || 0x01 || 公钥) 的前 4 字节）
       (printf '%s\\n\\001' "$(sed -n '5p' checkpoints/${sample}.txt | cut -d' ' -f2)"; openssl pkey -pubin -in log.pub -outform DER | tail -c 32) | sha256sum | cut -c1-8
       sed -n '5p' checkpoints/${sample}.txt | cut -d' ' -f3 | base64 -d | head -c 4 | od -An -tx1 | tr -d ' \\n'; echo
  5. 核对树根（小树可手算，如有 checkpoints/1.txt 或 2.txt）：检查点第 3 行是树根的 base64
       sed -n '3p' checkpoints/1.txt | base64 -d | od -An -tx1 | tr -d ' \\n'; echo
     只有 1 条记录时，树根 = 第 1 行的叶子哈希；2 条时，树根 = SHA-256(0x01 || 叶子0 || 叶子1)：
       (printf '\\001'; echo 叶子0的十六进制 叶子1的十六进制 | xxd -r -p) | sha256sum
     一般规则：取小于 n 的最大的 2 的幂 k，前 k 条记录为左子树，其余为右子树，父节点 = SHA-256(0x01 || 左 || 右)。
     大的日志请用 verify.mjs 计算。

四、见证人联署（c2sp.org/tlog-witness、c2sp.org/tlog-cosignature）
  乡镇等独立的见证人保存它见过的本日志最新检查点，只有在新检查点与之一致（默克尔一致性证明）时才联署，且同一
  大小绝不联署两棵不同的树。联署是检查点文件里多出的签名行，签名内容解码后为 76 字节：4 字节密钥编号、8 字节时间
  （秒，大端序）、64 字节 Ed25519 签名。本服务器请以下见证人联署（请向见证人本人核实其公钥，不要只信本文件）：
${witnessList}  · 要求最新检查点至少有 N 个指定见证人的联署（缺少时会报出是哪个检查点）：
      node verify.mjs --witness '见证人公钥' --min-witnesses 1 .
  · 用 openssl 手工核对一条联署（W 为见证人公钥，形如 名称+编号+base64；S 为检查点大小）：
      W='见证人公钥'; S=${witnessed}
      (printf '\\060\\052\\060\\005\\006\\003\\053\\145\\160\\003\\041\\000'; echo "$W" | cut -d+ -f3- | base64 -d | tail -c 32) > witness.der
      openssl pkey -pubin -inform DER -in witness.der -out witness.pem
      grep "^— $(echo "$W" | cut -d+ -f1) " checkpoints/$S.txt | head -n 1 | cut -d' ' -f3 | base64 -d > cosig.bin
      T=$((16#$(head -c 12 cosig.bin | tail -c 8 | od -An -tx1 | tr -d ' \\n')))
      (printf 'cosignature/v1\\ntime %s\\n' "$T"; head -n 3 checkpoints/$S.txt) > cosigned.txt
      tail -c 64 cosig.bin > cosig-sig.bin
      openssl pkeyutl -verify -pubin -inkey witness.pem -rawin -in cosigned.txt -sigfile cosig-sig.bin
      date -u -d "@$T"
    应显示 "Signature Verified Successfully"；最后一行是见证人联署的时间。被联署的内容是 "cosignature/v1"、
    "time 时间" 两行加上检查点的前三行。

====================================== English ======================================

1. What this is
  Every meeting step, roll call, vote, tally and minutes sign-off wrote one entry that cannot be changed or deleted.
  Each entry holds the hash of the entry before it (prev); all entries form an RFC 9162 Merkle tree whose root the
  server signs from time to time (checkpoints). Changing, removing or reordering any signed entry fails the check.

2. One-command check (Node.js 20 or newer, offline)
  node verify.mjs .
  Output starting with "OK" means everything checks. Otherwise it prints one line "FAIL: …" naming the first bad
  file, line, seq or checkpoint, and exits non-zero. Entries after the latest checkpoint are only chained, not yet
  signed; the next checkpoint (after a vote closes, a meeting adjourns or minutes are signed) covers them.
  · A checkpoint you saved earlier proves a later export did not drop or rewrite older entries:
      node verify.mjs --checkpoint saved-checkpoint.txt .
  · Check a voter's receipt (.tlog-proof, c2sp.org/tlog-proof: first line c2sp.org/tlog-proof@v1, the "extra"
    line is the entry's exact bytes in base64, "index" its seq, then the Merkle inclusion proof, a blank line and
    the signed checkpoint):
      node verify.mjs --receipt receipt.tlog-proof .
  · Check a decision certificate (the file offered on the /c/<ID> page the QR code on a decision notice or the
    minutes opens; JSON with the decision.certified entry's proof and, once planned, the plan's). It prints what the
    certificate proves, or FAIL naming the field or proof that does not match the log:
      node verify.mjs --certificate yishi-decision-ID.json --key vkey
  · Trust keys published elsewhere instead of this bundle's vkey:
      node verify.mjs --vkey published-vkey .

3. By hand (sha256sum, openssl 3, jq)
  Use jq to read only: rewriting entries.jsonl with jq changes its bytes and every hash after it.
  1. Read entries
       jq -r '[.seq, .ts, .action, (.actor.name // "system")] | @tsv' entries.jsonl
       jq -c 'select(.action == "vote.result")' entries.jsonl
  2. Hash chain: the leaf hash of line ${line}, SHA-256(0x00 || the line without its newline), is prev on line ${line + 1}
       sed -n '${line}p' entries.jsonl | tr -d '\\n' | (printf '\\000'; cat) | sha256sum
       sed -n '${line + 1}p' entries.jsonl | jq -r .prev
  3. Checkpoint signature (lines 1–3 are the signed text; from line 5, one signature per line)
       head -n 3 checkpoints/${sample}.txt > body.txt
       sed -n '5p' checkpoints/${sample}.txt | cut -d' ' -f3 | base64 -d | tail -c 64 > sig.bin
       openssl pkeyutl -verify -pubin -inkey log.pub -rawin -in body.txt -sigfile sig.bin
     expect "Signature Verified Successfully". After a key rotation there are several signature lines: pick the
     one made by the key in log.pub.
  4. Key ID: both lines print the same 8 hex digits (first 4 bytes of SHA-256(key name || \\n || 0x01 || key))
       (printf '%s\\n\\001' "$(sed -n '5p' checkpoints/${sample}.txt | cut -d' ' -f2)"; openssl pkey -pubin -in log.pub -outform DER | tail -c 32) | sha256sum | cut -c1-8
       sed -n '5p' checkpoints/${sample}.txt | cut -d' ' -f3 | base64 -d | head -c 4 | od -An -tx1 | tr -d ' \\n'; echo
  5. Root of a small tree (if there is a checkpoints/1.txt or 2.txt): line 3 of a checkpoint is the root in base64
       sed -n '3p' checkpoints/1.txt | base64 -d | od -An -tx1 | tr -d ' \\n'; echo
     With 1 entry the root is line 1's leaf hash; with 2 it is SHA-256(0x01 || leaf0 || leaf1):
       (printf '\\001'; echo LEAF0_HEX LEAF1_HEX | xxd -r -p) | sha256sum
     In general, with k the largest power of two below n, the first k leaves form the left subtree and the rest the
     right one; a parent is SHA-256(0x01 || left || right).
     Use verify.mjs for large logs.

4. Witness cosignatures (c2sp.org/tlog-witness, c2sp.org/tlog-cosignature)
  An independent witness (the township, for instance) keeps the latest checkpoint of this log it has seen, cosigns a
  newer one only after a Merkle consistency proof from it, and never cosigns two different trees of one size. A
  cosignature is one more signature line in a checkpoint file; its payload decodes to 76 bytes: a 4-byte key ID, an
  8-byte big-endian time (POSIX seconds) and a 64-byte Ed25519 signature. This server asks these witnesses (get each
  witness's key from the witness itself, not only from this file):
${witnessList}  · Require N cosignatures by the given witnesses on the newest checkpoint (the failure names it):
      node verify.mjs --witness 'WITNESS_VKEY' --min-witnesses 1 .
  · Check one cosignature by hand with openssl (W is the witness vkey, name+id+base64; S a checkpoint size):
      W='WITNESS_VKEY'; S=${witnessed}
      (printf '\\060\\052\\060\\005\\006\\003\\053\\145\\160\\003\\041\\000'; echo "$W" | cut -d+ -f3- | base64 -d | tail -c 32) > witness.der
      openssl pkey -pubin -inform DER -in witness.der -out witness.pem
      grep "^— $(echo "$W" | cut -d+ -f1) " checkpoints/$S.txt | head -n 1 | cut -d' ' -f3 | base64 -d > cosig.bin
      T=$((16#$(head -c 12 cosig.bin | tail -c 8 | od -An -tx1 | tr -d ' \\n')))
      (printf 'cosignature/v1\\ntime %s\\n' "$T"; head -n 3 checkpoints/$S.txt) > cosigned.txt
      tail -c 64 cosig.bin > cosig-sig.bin
      openssl pkeyutl -verify -pubin -inkey witness.pem -rawin -in cosigned.txt -sigfile cosig-sig.bin
      date -u -d "@$T"
    expect "Signature Verified Successfully"; the last line is when the witness cosigned. The signed text is the
    two lines "cosignature/v1" and "time T" followed by the checkpoint's first three lines.
`;
}
