import { describe, expect, it } from 'vitest'
import { detectPii } from '@comment-shield/core'
import type { PiiType } from '@comment-shield/core'

/** The [type, original text] pairs detectPii (full preset) finds. */
function found(text: string): Array<[PiiType, string]> {
  return detectPii(text).map((f) => [f.type, text.slice(f.start, f.end)])
}

function types(text: string, type: PiiType): string[] {
  return found(text)
    .filter(([t]) => t === type)
    .map(([, s]) => s)
}

describe('international phone formats', () => {
  it.each<[string, string]>([
    // European groupings that start like a date ("0490 75 40"): a real date needs a real year/month/day.
    ['Phone: 0490 75 40 81', '0490 75 40 81'],
    ['They are not answering at 71-33-52-22', '71-33-52-22'],
    ['Mobile: 03.93.92.16.85', '03.93.92.16.85'],
    ['Can someone call me on 01.84.17.61.18?', '01.84.17.61.18'],
    // The trunk prefix in brackets after the country code.
    ['fax +46 (0)8 928 571 38', '+46 (0)8 928 571 38'],
    ['ring +44 (0)20 7946 0958 today', '+44 (0)20 7946 0958'],
    // Dots, brackets and extensions in North American numbers.
    ['call 415.555.0132 after six', '415.555.0132'],
    ['office (415) 555-0132 x89', '(415) 555-0132 x89'],
    // Country code + context word: a possible number for that country counts even where the metadata
    // does not (yet) list the range.
    ['Desk: +1-903-140-4508x769', '+1-903-140-4508x769'],
    // A label after the number, as signatures write it.
    ['07700 063 966-Fax', '07700 063 966'],
    ['416 60 039 office', '416 60 039'],
  ])('finds the phone in %s', (text, phone) => {
    expect(types(text, 'phone')).toEqual([phone])
  })

  it.each([
    'meeting on 2024-03-05 10 in room B',
    'born 05.03.1987 in Lyon',
    "My driver's license number is 6940579",
    "my driver's license number is 2270-66-1551",
    'My zip code is 90010-170',
    'ZIP: 75534-030',
    'Please return to 94941 2505 Heatherleigh Suite 620',
    'cormac gave his address: 48334 36 rue de pologne',
    'Mrs. Diana Usamov Suite 913 0547 Bygget 91',
    'keep getting address 179.177.214.91 blocked',
    'order no. 0490 75 40 81',
  ])('does not report a phone in %s', (text) => {
    expect(types(text, 'phone')).toEqual([])
  })

  it('reports a dotted quad as an IP address, not as a phone read from its digits', () => {
    expect(found('keep getting address 179.177.214.91 blocked')).toEqual([['ip_address', '179.177.214.91']])
  })
})

describe('payment cards', () => {
  it.each<[string, string]>([
    ['What is the limit for card 501864667909?', '501864667909'],
    ['Need to change billing date of my card 503867297114', '503867297114'],
    ['last billed amount for cc 503802053770 please', '503802053770'],
  ])('finds a 12-digit Maestro number next to a card word: %s', (text, card) => {
    expect(types(text, 'credit_card')).toEqual([card])
  })

  it.each(['order 501864667909 shipped', 'ref 501864667908 for the card', 'ticket 503867297114'])(
    'does not report a short number without a card word or with a failing Luhn check: %s',
    (text) => {
      expect(types(text, 'credit_card')).toEqual([])
    },
  )
})

describe('street addresses', () => {
  it.each<[string, string]>([
    ['Flat 3, 10 Downing St, London SW1A 2AA', 'Flat 3, 10 Downing St, London SW1A 2AA'],
    [
      'send it to 123 Main Street Apt 4, Springfield, IL 62704 please',
      '123 Main Street Apt 4, Springfield, IL 62704',
    ],
    ['his address: 975 3968 Bay Street, Toronto', '975 3968 Bay Street, Toronto'],
    [
      'Address:\n22120 Eriksbo Västergärde 78\n Suite 721\n ASKIM\n Sweden.',
      '22120 Eriksbo Västergärde 78\n Suite 721\n ASKIM\n Sweden',
    ],
    [
      'new one to 05405 Wesselényi u. 94.\n Suite 741\n Öntésmajor\n Hungary 18695? I am away',
      '05405 Wesselényi u. 94.\n Suite 741\n Öntésmajor\n Hungary 18695',
    ],
    [
      'Meet me at 5100 Quadra 104\n Suite 845\n Evionnaz\n Switzerland 05377',
      '5100 Quadra 104\n Suite 845\n Evionnaz\n Switzerland 05377',
    ],
    ['located at PSC 2721, Box 8637\nAPO AA 06259. Great food.', 'PSC 2721, Box 8637\nAPO AA 06259'],
    ['Weber-Santana\nUSNS Bergman\nFPO AP 93757\n', 'USNS Bergman\nFPO AP 93757'],
    ['write to P.O. Box 242 instead', 'P.O. Box 242'],
    ['Tilly lives at 10252 Μεγάλη Άμμος 184, ΠΑΦΟΣ', '10252 Μεγάλη Άμμος 184, ΠΑΦΟΣ'],
    ['He lives on the north side of Joaquin Suarez 2906.', 'Joaquin Suarez 2906.'],
    ['The bus station is on Villacher Strasse 89', 'Villacher Strasse 89'],
    ['The bus drops you off at 70248 31 Rue tachkent St.', '31 Rue tachkent St'],
    ['eva kleist lives at 255 hersnapvej 18, københavn', '255 hersnapvej 18'],
    [
      'Mrs. Barbara Yudina Apt. 675 62314 Mellemvej 32\nAalborg NO',
      'Apt. 675 62314 Mellemvej 32\nAalborg NO',
    ],
  ])('finds the address in %j', (text, address) => {
    expect(types(text, 'address').join(' | ')).toContain(address)
  })

  it.each([
    'I have 2 Windows 10 machines at home',
    'During 1971, the company grew fast',
    "My birthday is on the weekend. I'll turn 23.",
    'Room 702 on the second floor has the best view.',
    'Chapter 5 and Section 12 explain it',
    'Version 2 of Jurassic Park 3 was better',
    'top 10 movies, see you at 7 pm',
    'We were 3 or 4 people, table 12 by the window',
    'Place your order before Friday 5',
  ])('does not report an address in %j', (text) => {
    expect(types(text, 'address')).toEqual([])
  })

  it('stops an address block at a label line', () => {
    const text = 'Office:\n10 Downing St\nLondon\nPhone: 020 7946 0958'
    expect(types(text, 'address')).toEqual(['10 Downing St\nLondon'])
  })
})
