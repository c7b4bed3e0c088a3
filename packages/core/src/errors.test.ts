import { describe, expect, it } from 'vitest'
import { isModerationError, ModerationError } from '@comment-shield/core'

describe('ModerationError', () => {
  it('carries a code and a prefixed message', () => {
    const error = new ModerationError('INVALID_OPTION', 'bad')
    expect(error.code).toBe('INVALID_OPTION')
    expect(error.message).toBe('[comment-shield] bad')
    expect(error.name).toBe('ModerationError')
  })

  it('is recognised by isModerationError, also across copies of the class', () => {
    class Copy extends Error {
      static readonly __comment_shield_error__ = true
    }
    expect(isModerationError(new ModerationError('INTERNAL', 'x'))).toBe(true)
    expect(isModerationError(new Copy('x'))).toBe(true)
    expect(isModerationError(new Error('x'))).toBe(false)
    expect(isModerationError(null)).toBe(false)
  })
})
