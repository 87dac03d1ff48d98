using System;

namespace CasAws.Oidc
{
    /// <summary>
    /// The prompt seam of <see cref="OidcLoginService"/> (-NoBrowser): shows the authorization URL for a browser
    /// on any computer and returns the address that browser ended on, as the user pasted it (it holds the login
    /// code: read without echo, never shown).
    /// </summary>
    internal interface IOidcRedirectPrompt
    {
        /// <exception cref="Errors.CasAwsException">The address cannot be asked for (no interactive host).</exception>
        string AskForRedirect(Uri authorization);
    }
}
