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
