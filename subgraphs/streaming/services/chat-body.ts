import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { domainError, ErrorCode } from '../../../common/errors';

/** A message body is bounded so that a chat event carrying it fits the event broker's payload limit. */
export const MAX_BODY_CHARACTERS = 500;

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'del', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a'],
  allowedAttributes: { a: ['href', 'rel', 'target'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { href: attribs.href ?? '', rel: 'nofollow noopener noreferrer', target: '_blank' } }),
  },
};

/**
 * Markdown to sanitized HTML: raw HTML in the source is escaped (markdown-it
 * with html: false), then only SANITIZE's tags survive and links get rel and
 * target. BAD_USER_INPUT when empty or longer than MAX_BODY_CHARACTERS.
 */
export function renderChatBody(source: string): string {
  const text = source.trim();
  if (text === '') throw domainError(ErrorCode.BadUserInput, 'body must not be empty', { field: 'body' });
  if ([...text].length > MAX_BODY_CHARACTERS) {
    throw domainError(ErrorCode.BadUserInput, `body is longer than ${MAX_BODY_CHARACTERS} characters`, { field: 'body' });
  }
  return sanitizeHtml(markdown.render(text), SANITIZE).trim();
}
