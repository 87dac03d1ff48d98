using System;

namespace CasAws.Oidc
{
    /// <summary>
    /// The browser seam of <see cref="OidcLoginService"/>: hands the login's one-time page on 127.0.0.1 to a
    /// browser (or shows its address). The page redirects to the authorization URL; the browser hands the
    /// redirect back to the page's server, where the service waits for it.
    /// </summary>
    internal interface IOidcBrowser
    {
        void Open(Uri loginPage);
    }
}
