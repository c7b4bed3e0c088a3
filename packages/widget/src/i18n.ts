/**
 * UI strings in zh-CN, zh-TW and en, chosen from the element's or document's `lang`.
 *
 * @module
 */

/** Locales the widget ships strings for. */
export type WidgetLocale = 'zh-CN' | 'zh-TW' | 'en'

/** Every user-visible string of the widget; each can be overridden by the host page. */
export interface WidgetStrings {
  dialogTitle: string
  piiIntro: string
  edit: string
  postAnyway: string
}

/** The shipped strings. */
export const STRINGS: Readonly<Record<WidgetLocale, WidgetStrings>> = {
  'zh-CN': {
    dialogTitle: '发布前请确认',
    piiIntro: '这条评论看起来包含他人的个人信息。发布他人的个人信息可能伤害对方，也可能违法。',
    edit: '修改',
    postAnyway: '仍然发布',
  },
  'zh-TW': {
    dialogTitle: '發佈前請確認',
    piiIntro: '這則留言看起來包含他人的個人資料。公開他人的個人資料可能傷害對方，也可能違法。',
    edit: '修改',
    postAnyway: '仍然發佈',
  },
  en: {
    dialogTitle: 'Before you post',
    piiIntro:
      "This comment looks like it contains someone's personal information. Posting other people's personal information can hurt them and may be illegal.",
    edit: 'Edit',
    postAnyway: 'Post anyway',
  },
}

/**
 * Picks a locale from a BCP 47 tag: `zh-TW`, `zh-HK`, `zh-Hant*` → zh-TW; other `zh*` → zh-CN; else en.
 *
 * @param lang - a language tag, possibly empty
 * @returns the widget locale
 */
export function resolveLocale(lang: string | null | undefined): WidgetLocale {
  const tag = (lang ?? '').toLowerCase()
  if (!tag.startsWith('zh')) return 'en'
  return /^zh-(tw|hk|mo)|^zh-hant/.test(tag) ? 'zh-TW' : 'zh-CN'
}
