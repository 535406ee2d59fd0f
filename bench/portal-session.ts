const SESSION_COOKIE = /(?:^|,\s*)(fapiao\.portal\.sid=[^;]+)/;

function sessionCookieOf(res: Response): string | undefined {
  return SESSION_COOKIE.exec(res.headers.getSetCookie().join(', '))?.[1];
}

/**
 * Signs in through the portal's form as a browser does (the page's CSRF token, then the POST)
 * and answers the signed-in session's cookie, `name=value`.
 */
export async function signInToPortal(
  baseUrl: string,
  email: string,
  password: string,
): Promise<string> {
  const form = await fetch(`${baseUrl}/login`, { headers: { Accept: 'text/html' } });
  const anonymous = sessionCookieOf(form);
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!anonymous || !token)
    throw new Error('The portal sign-in page gave no session or CSRF token');
  const signedIn = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      Cookie: anonymous,
      Origin: baseUrl,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ email, password, _csrf: token }).toString(),
  });
  const cookie = sessionCookieOf(signedIn);
  if (signedIn.status !== 303 || !cookie) {
    throw new Error(`Portal sign-in: ${signedIn.status} ${await signedIn.text()}`);
  }
  const page = await fetch(`${baseUrl}/billing-records`, {
    headers: { Cookie: cookie, Accept: 'text/html' },
    redirect: 'manual',
  });
  if (page.status !== 200) throw new Error(`Portal billing records: ${page.status}`);
  return cookie;
}
