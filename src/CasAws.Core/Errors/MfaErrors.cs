using CasAws.Cas;

namespace CasAws.Errors
{
    /// <summary>Errors about the CAS second factor that are found before any CAS call.</summary>
    internal static class MfaErrors
    {
        /// <summary>A provider that needs a code has none (or only one an earlier call already used), and nobody can be asked.</summary>
        public static CasAwsException PasscodeRequired(CasMfaProvider provider, string server, bool codeAlreadyUsed)
        {
            string why = codeAlreadyUsed
                ? $"The -Passcode given was already sent to CAS at {server} by an earlier request, and each {provider.DisplayName()} code works only once."
                : $"CAS at {server} is set up here for {provider.DisplayName()} (-MfaProvider {provider}), which needs a one-time code with every login.";
            return new CasAwsException(ErrorIds.MfaPasscodeRequired, CasAwsErrorKind.InvalidArgument, server,
                $"{why} Pass {provider.CodeDescription()} with -Passcode, or run the command in an interactive PowerShell to be asked for it. Nothing was sent to CAS.");
        }
    }
}
