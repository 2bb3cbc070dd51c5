/**
 * Refuses guessable passwords (issue #17; ASVS 6.2.4, GB/T 22239-2019 8.1.4.1 身份鉴别: 口令具有复杂度要求) with
 * zxcvbn-ts: its common-password, name and English word lists, keyboard patterns, repeats and sequences, plus
 * what Chinese users commonly choose that those lists rank too low (pinyin phrases and lucky numbers) and the
 * account's own phone number and name. A password must score 3 of 4 ("safely unguessable" for an online attack).
 */
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import { processSingleton } from "../singleton";

export const MIN_SCORE = 3;

/** Pinyin and number patterns found at the top of Chinese password leaks, and the commonest surnames. */
const CHINESE_COMMON = [
  "woaini",
  "woaini1314",
  "woaini520",
  "wohenni",
  "aini",
  "1314520",
  "5201314",
  "520520",
  "1314",
  "521",
  "woshishui",
  "zhongguo",
  "beijing",
  "shanghai",
  "nihao",
  "mima",
  "mimamima",
  "qiqi",
  "baobao",
  "laogong",
  "laopo",
  "xiaoming",
  "wang",
  "li",
  "zhang",
  "liu",
  "chen",
  "yang",
  "huang",
  "zhao",
  "wu",
  "zhou",
  "xu",
  "sun",
  "ma",
  "zhu",
  "hu",
  "guo",
  "he",
  "lin",
  "luo",
  "gao",
  "liang",
  "zheng",
  "cun",
  "cunwei",
  "cunmin",
];

const KEY = "__yishiPasswordStrength";
function factory(): ZxcvbnFactory {
  return processSingleton(
    KEY,
    () =>
      new ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...en.dictionary, chineseCommon: CHINESE_COMMON },
        graphs: common.adjacencyGraphs,
        translations: en.translations,
      }),
  );
}

/** True when the password is strong enough; `userInputs` are the account's own phone number and name. */
export function isStrongPassword(password: string, userInputs: string[]): boolean {
  return (
    factory().check(
      password,
      userInputs.filter((input) => input.length > 0),
    ).score >= MIN_SCORE
  );
}
