import { loadConfig } from '../common/config';
import { bannerText } from '../scripts/banner';

/** What `npm start` prints once ready: every URL a user opens first. */
describe('the start banner', () => {
  const url = 'http://127.0.0.1:4000';

  test('lists the IDE, metrics, OpenAPI and both docs pages', () => {
    const text = bannerText(loadConfig({ DOCS_ENABLED: 'true' }), url, {}, true);
    expect(text).toContain(`GraphQL IDE   ${url}/graphql (open it in a browser)`);
    expect(text).toContain(`${url}/metrics`);
    expect(text).toContain(`${url}/openapi.json`);
    expect(text).toContain(`API docs      ${url}/docs   ${url}/redoc`);
    expect(text).toContain('ws://127.0.0.1:4000/entry');
  });

  test('leaves the docs pages out when DOCS_ENABLED=false', () => {
    const text = bannerText(loadConfig({ DOCS_ENABLED: 'false' }), url, {}, true);
    expect(text).not.toContain('/docs');
    expect(text).not.toContain('/redoc');
    expect(text).toContain(`${url}/openapi.json`);
  });
});
