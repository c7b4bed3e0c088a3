// Types of the generated model module (see scripts/train/train.mjs and docs/model-card.md).
import type { AbuseModelData } from '@comment-shield/core'

export declare const abuseModel: AbuseModelData
