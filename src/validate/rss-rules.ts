// RSS 2.0 rules rss.rng cannot state.
import { uniqueText, type XmlRule } from "./xml-rules.js";

export const rssRules: readonly XmlRule[] = [uniqueText("guid", "/rss/channel/item/guid")];
