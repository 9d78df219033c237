/**
 * commander's own messages, as a data clerk meets them, in Chinese with the original beside it. Only the messages
 * users see on a wrong command line; anything unknown passes through unchanged.
 */
const RULES: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^error: unknown command '(.+)'/, (m) => `错误：没有命令“${m[1]}”，请用 bidwatch --help 查看可用命令`],
  [/^error: unknown option '(.+)'/, (m) => `错误：没有选项“${m[1]}”，请用 --help 查看本命令的选项`],
  [/^error: required option '(.+)' not specified/, (m) => `错误：缺少必需的选项 ${m[1]}`],
  [/^error: missing required argument '(.+)'/, (m) => `错误：缺少参数 ${m[1]}`],
  [/^error: option '(.+)' argument missing/, (m) => `错误：选项 ${m[1]} 需要一个值`],
  [/^error: too many arguments/, () => '错误：参数太多'],
];

export function translateCommanderMessage(text: string): string {
  const [line = '', ...rest] = text.trimEnd().split('\n');
  for (const [re, zh] of RULES) {
    const m = line.match(re);
    if (m) return [`${zh(m)} (${line.replace(/^error: /, '')})`, ...rest.map((r) => r.replace('Did you mean', '是否想用 Did you mean'))].join('\n') + '\n';
  }
  return text;
}
