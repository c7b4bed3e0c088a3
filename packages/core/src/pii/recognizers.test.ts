import { describe, expect, it } from 'vitest'
import { CHINESE_SURNAMES, detectPii, personNameRecognizer } from '@comment-shield/core'

/**
 * The single-character surnames in their readable form, by frequency: `recognizers.ts` stores them encoded
 * (see `SINGLE_SURNAMES` there) to keep the widget bundle small. Edit this list, then paste
 * `encodeSurnames(READABLE_SINGLE_SURNAMES)` into `SINGLE_SURNAMES`.
 */
const READABLE_SINGLE_SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝'

const COMPOUND_SURNAMES =
  '欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木'.split(' ')

/** The encoding `recognizers.ts` decodes: sorted by code point, steps from U+4E00 in two base-36 digits. */
function encodeSurnames(surnames: string): string {
  let previous = 0x4e00
  return [...surnames]
    .map((c) => c.charCodeAt(0))
    .sort((a, b) => a - b)
    .map((code) => {
      const step = code - previous
      previous = code
      expect(step).toBeLessThan(36 * 36)
      return step.toString(36).padStart(2, '0')
    })
    .join('')
}

describe('CHINESE_SURNAMES', () => {
  it('holds exactly the readable single-character surnames, then the compound ones', () => {
    const singles = CHINESE_SURNAMES.filter((s) => s.length === 1)
    expect(singles).toEqual([...READABLE_SINGLE_SURNAMES].sort())
    expect(new Set(singles).size).toBe([...READABLE_SINGLE_SURNAMES].length)
    expect(CHINESE_SURNAMES.filter((s) => s.length > 1)).toEqual(COMPOUND_SURNAMES)
  })

  it('round-trips through the encoding', () => {
    const encoded = encodeSurnames(READABLE_SINGLE_SURNAMES)
    expect(encoded).toHaveLength(2 * [...READABLE_SINGLE_SURNAMES].length)
    expect(encodeSurnames(CHINESE_SURNAMES.filter((s) => s.length === 1).join(''))).toBe(encoded)
  })

  it('anchors a name after every surname, single and compound', () => {
    const recognizer = personNameRecognizer()
    for (const surname of [...READABLE_SINGLE_SURNAMES, ...COMPOUND_SURNAMES]) {
      const text = `真名：${surname}小明`
      expect(recognizer.find(text).map((f) => f.text)).toEqual([`${surname}小明`])
      expect(detectPii(text).map((f) => [f.type, f.text])).toEqual([['person_name', `${surname}小明`]])
    }
  })

  it('does not anchor a name on a character that is not a surname', () => {
    expect(detectPii('真名：丫小明')).toEqual([])
  })
})
