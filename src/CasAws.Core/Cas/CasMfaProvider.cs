namespace CasAws.Cas
{
    /// <summary>
    /// The CAS multifactor providers that can be satisfied over CAS's REST authentication (so through
    /// awsSts). Each reads its one-time code from its own form field (see cas-mfa.md).
    /// </summary>
    public enum CasMfaProvider
    {
        /// <summary>Duo Security (mfa-duo): a passcode in 'passcode', or a push when none is sent.</summary>
        Duo,

        /// <summary>Google Authenticator (mfa-gauth): the 6-digit TOTP in 'gauthotp', the device in 'gauthacct'.</summary>
        GoogleAuthenticator,

        /// <summary>YubiKey (mfa-yubikey): the 44-character modhex OTP in 'yubikeyotp'.</summary>
        YubiKey,

        /// <summary>CAS Simple MFA (mfa-simple, CAS 7.0+): the token CAS sent by e-mail or SMS, in 'sotp'.</summary>
        Simple,
    }

    /// <summary>What each provider sends, and how it is named to people.</summary>
    internal static class CasMfaProviders
    {
        /// <summary>The form field CAS's REST credential factory for this provider reads the code from.</summary>
        public static string CodeField(this CasMfaProvider provider) => provider switch
        {
            CasMfaProvider.GoogleAuthenticator => "gauthotp",
            CasMfaProvider.YubiKey => "yubikeyotp",
            CasMfaProvider.Simple => "sotp",
            _ => "passcode",
        };

        /// <summary>False only for Duo, where CAS starts the factor itself (a push) when no code is sent.</summary>
        public static bool NeedsCode(this CasMfaProvider provider) => provider != CasMfaProvider.Duo;

        public static string DisplayName(this CasMfaProvider provider) => provider switch
        {
            CasMfaProvider.GoogleAuthenticator => "Google Authenticator",
            CasMfaProvider.YubiKey => "YubiKey",
            CasMfaProvider.Simple => "CAS Simple MFA",
            _ => "Duo",
        };

        /// <summary>What the user is asked for at a prompt.</summary>
        public static string CodeDescription(this CasMfaProvider provider) => provider switch
        {
            CasMfaProvider.GoogleAuthenticator => "the 6-digit code from your Google Authenticator app",
            CasMfaProvider.YubiKey => "a YubiKey OTP (touch the key)",
            CasMfaProvider.Simple => "the token CAS sent you by e-mail or text message",
            _ => "a Duo passcode",
        };
    }
}
