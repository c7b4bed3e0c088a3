// A seeded generator of a realistic bilingual (zh + en) comment corpus for the benchmarks: short and long
// comments, emoji, numbers that are NOT personal information (orders, dates, prices, versions, service
// numbers), and a share (default 5%) with personal information, half of it written evasively.
// Exported as a function so every suite (PII, abuse, pile-on) can reuse the same corpus:
//
//   import { generateCorpus } from '../corpus.mjs'
//   const corpus = generateCorpus({ size: 20_000, seed: 42, piiRate: 0.05 })
//   // → [{ text, lang: 'zh' | 'en', pii: boolean, types: string[] }]

/** mulberry32: a tiny, fast, seedable PRNG (public domain). */
export function createRandom(seed) {
  let a = seed >>> 0
  return function random() {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ZH_CLEAN = [
  '写得真好，支持一下！',
  '这篇文章说得太对了，我身边就有这样的情况。',
  '楼主辛苦了，期待下一篇。',
  '不太同意作者的观点，数据来源是哪里？',
  '哈哈哈笑死我了😂😂',
  '今天天气不错，出去走走。',
  '这个价格有点贵啊，¥1299 不如等双十一。',
  '订单号 {order} 还没发货，客服也不回。',
  '快递单号 SF{digits13} 显示已签收，但我没收到。',
  '{date} 的活动还有名额吗？',
  '版本 {version} 更新以后卡顿好多了。',
  '遇到危险请拨打 110，急救打 120。',
  '政务服务热线 12345 反映问题挺有效的。',
  '第一次来这里，三四个人一起去的，体验很好。',
  '作者能不能出个续集？已经等了两个月了。',
  '我觉得评论区的讨论比文章还精彩。',
  '房间 {room}室 的空调坏了，前台说明天修。',
  '这道题答案是 {price}，你们算出来多少？',
  '支持正版，ISBN 978-7-111-{digits5}-{digit}。',
  '有没有人一起组队？周末下午两点见。',
  '看完这个视频我沉默了很久。',
  '说实话，这种事情在我们那儿很常见。',
]
const EN_CLEAN = [
  'Great write-up, thanks for sharing!',
  'I disagree with the second point; where is the data from?',
  'lol this made my day 😂',
  'Order #{order} still has not shipped, support is not answering.',
  'Tracking number 1Z{digits16} says delivered but nothing here.',
  'The meetup on {date} at 7pm is full, sadly.',
  'Version {version} fixed the crash for me.',
  'In an emergency call 911, not the office line.',
  'Price dropped to ${price}, worth it now.',
  'Room {room} on the second floor has the best view.',
  'Can the author post a follow-up? Waiting for two months.',
  'The comments here are better than the article, honestly.',
  'ISBN 978-0-{digits3}-{digits5}-{digit} if anyone wants the book.',
  'We were three or four people, had a great time.',
  'Nice photo, where was this taken?',
  'This happens all the time where I live.',
]

const ZH_PII = [
  ['phone', '有事打我电话 {mobile}'],
  ['phone', '他的手机号是{mobile}，大家去问候一下'],
  ['phone', '电话 {mobileZh} 找老王'],
  ['phone', '加我 {mobileSpaced} 详聊'],
  ['wechat', '私聊加微信 {wxid}'],
  ['wechat', 'V信：{wxid} 备注来意'],
  ['qq', '扣扣 {qq} 拉你进群'],
  ['email', '简历发到 {email}'],
  ['email', '邮箱 {emailObf}'],
  ['cn_id', '身份证号 {cnid} 都被挂出来了'],
  ['address', '他住在{city}{road}{num}号{bld}号楼{unit}单元{room}室'],
  ['address', '开盒了：{name}，家住{estate}{bld}号楼，电话{mobile}'],
  ['bank_card', '转账到卡号 {unionpay}'],
  ['license_plate', '车牌{plate}天天乱停'],
]
const EN_PII = [
  ['phone', 'call me at {usPhone}'],
  ['phone', 'her number is {intlPhone}, go say hi'],
  ['email', 'email me at {email}'],
  ['email', 'reach him at {emailObfEn}'],
  ['address', "here's her address: {usAddress}"],
  ['us_ssn', 'his ssn is {ssn} lol'],
  ['credit_card', 'card {visa} exp 09/27'],
  ['ip_address', 'his home IP is {ip}'],
  ['person_name', 'her name is {enName}, flood her DMs'],
]

const CN_DIGITS = '零一二三四五六七八九'
const ROADS = ['中山路', '人民路', '解放大街', '建设路', '和平街', '长江路', '文化路', '胜利大道']
const CITIES = ['北京市海淀区', '上海市浦东新区', '广州市天河区', '成都市武侯区', '杭州市西湖区', '']
const ESTATES = ['阳光小区', '翠湖花园', '幸福家园', '锦绣公寓', '滨江新村']
const SURNAMES = '王李张刘陈杨黄赵吴周'
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰涛明超'
const EN_FIRST = ['Jane', 'John', 'Emily', 'Michael', 'Sarah', 'David']
const EN_LAST = ['Doe', 'Smith', 'Johnson', 'Brown', 'Taylor', 'Miller']
const STREETS = ['Oak Street', 'Maple Avenue', 'Sunset Boulevard', 'Pine Road', 'Elm Lane', 'Cedar Drive']

function luhnComplete(prefix, length, rand) {
  let d = prefix
  while (d.length < length - 1) d += String(Math.floor(rand() * 10))
  for (let c = 0; c < 10; c++) {
    const s = d + c
    let sum = 0
    let dbl = false
    for (let i = s.length - 1; i >= 0; i--) {
      let x = s.charCodeAt(i) - 48
      if (dbl) {
        x *= 2
        if (x > 9) x -= 9
      }
      sum += x
      dbl = !dbl
    }
    if (sum % 10 === 0) return s
  }
  return d + '0'
}

function cnId(rand) {
  const regions = ['110105', '310104', '440106', '510107', '330106', '420102']
  const region = regions[Math.floor(rand() * regions.length)]
  const y = 1950 + Math.floor(rand() * 55)
  const m = 1 + Math.floor(rand() * 12)
  const d = 1 + Math.floor(rand() * 28)
  const seq = String(Math.floor(rand() * 1000)).padStart(3, '0')
  const first = `${region}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${seq}`
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first[i]) * w[i]
  return first + '10X98765432'[sum % 11]
}

/**
 * Generates the corpus.
 *
 * @param {{ size?: number, seed?: number, piiRate?: number }} [options]
 * @returns {Array<{ text: string, lang: 'zh' | 'en', pii: boolean, types: string[] }>}
 */
export function generateCorpus({ size = 20_000, seed = 42, piiRate = 0.05 } = {}) {
  const rand = createRandom(seed)
  const pick = (arr) => arr[Math.floor(rand() * arr.length)]
  const digits = (n) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('')
  const mobile = () => `1${pick('3456789')}${digits(9)}`
  const fill = (template) =>
    template.replace(/\{(\w+)\}/g, (_, key) => {
      switch (key) {
        case 'order':
          return `2023${digits(15)}`
        case 'digits13':
          return digits(13)
        case 'digits16':
          return digits(16)
        case 'digits5':
          return digits(5)
        case 'digits3':
          return digits(3)
        case 'digit':
          return digits(1)
        case 'date':
          return `2026-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`
        case 'version':
          return `${Math.floor(rand() * 5)}.${Math.floor(rand() * 20)}.${Math.floor(rand() * 100)}`
        case 'room':
          return `${1 + Math.floor(rand() * 20)}0${1 + Math.floor(rand() * 9)}`
        case 'price':
          return `${Math.floor(rand() * 5000)}.${digits(2)}`
        case 'mobile':
          return mobile()
        case 'mobileZh':
          return [...mobile()].map((c) => CN_DIGITS[Number(c)]).join('')
        case 'mobileSpaced': {
          const m = mobile()
          return `${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`
        }
        case 'wxid':
          return `${pick(['zhang', 'li', 'wx', 'mei'])}_${digits(5)}`
        case 'qq':
          return `${1 + Math.floor(rand() * 9)}${digits(7 + Math.floor(rand() * 3))}`
        case 'email':
          return `${pick(['ann', 'lee', 'wang.wei', 'kitty'])}${digits(2)}@${pick(['qq.com', '163.com', 'gmail.com', 'example.org'])}`
        case 'emailObf':
          return `${pick(['ann', 'lee', 'wangwei'])}${digits(2)}艾特${pick(['qq', '163'])}点com`
        case 'emailObfEn':
          return `${pick(['ann', 'lee', 'jdoe'])}${digits(2)} (at) ${pick(['gmail', 'yahoo'])} (dot) com`
        case 'cnid':
          return cnId(rand)
        case 'city':
          return pick(CITIES)
        case 'road':
          return pick(ROADS)
        case 'num':
          return String(1 + Math.floor(rand() * 300))
        case 'bld':
          return String(1 + Math.floor(rand() * 30))
        case 'unit':
          return String(1 + Math.floor(rand() * 6))
        case 'estate':
          return pick(ESTATES)
        case 'name':
          return pick([...SURNAMES]) + pick([...GIVEN]) + (rand() < 0.5 ? pick([...GIVEN]) : '')
        case 'unionpay':
          return luhnComplete('622', 19, rand)
        case 'visa':
          return luhnComplete('4', 16, rand).replace(/(\d{4})(?=\d)/g, '$1 ')
        case 'plate':
          return `${pick([...'京沪粤川浙'])}${pick([...'ABCDE'])}${digits(5)}`
        case 'usPhone':
          return `(${pick(['415', '212', '312', '617'])}) ${pick('23456789')}${digits(2)}-${digits(4)}`
        case 'intlPhone':
          return pick(['+44 20 7946 0958', '+1 415 555 0132', '+49 30 901820', '+33 1 42 68 53 00'])
        case 'usAddress':
          return `${1 + Math.floor(rand() * 9000)} ${pick(STREETS)}, Springfield, IL 627${digits(2)}`
        case 'ssn':
          return `${pick(['219', '345', '512', '078'])}-${String(10 + Math.floor(rand() * 89))}-${String(1000 + Math.floor(rand() * 8999))}`
        case 'ip':
          return `${1 + Math.floor(rand() * 220)}.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}.${1 + Math.floor(rand() * 254)}`
        case 'enName':
          return `${pick(EN_FIRST)} ${pick(EN_LAST)}`
        default:
          return key
      }
    })
  const out = []
  for (let i = 0; i < size; i++) {
    const lang = rand() < 0.6 ? 'zh' : 'en'
    if (rand() < piiRate) {
      const [type, template] = pick(lang === 'zh' ? ZH_PII : EN_PII)
      const prefix = rand() < 0.5 ? pick(lang === 'zh' ? ZH_CLEAN : EN_CLEAN) + ' ' : ''
      out.push({ text: prefix + fill(template), lang, pii: true, types: [type] })
    } else {
      let text = fill(pick(lang === 'zh' ? ZH_CLEAN : EN_CLEAN))
      // A share of longer comments (two or three sentences).
      if (rand() < 0.3) text += ' ' + fill(pick(lang === 'zh' ? ZH_CLEAN : EN_CLEAN))
      if (rand() < 0.1) text += ' ' + fill(pick(lang === 'zh' ? ZH_CLEAN : EN_CLEAN))
      out.push({ text, lang, pii: false, types: [] })
    }
  }
  // Through JSON, as a server receives comments: JSON.parse gives every text as one flat string. Texts joined
  // with `+` above are V8 "cons" strings until first flattened, and a mix of both kinds in one hot loop reads
  // characters measurably slower in every library, which is no comment's real shape.
  return JSON.parse(JSON.stringify(out))
}
