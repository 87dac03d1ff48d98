using System;
using System.Security;

namespace CasAws.Cas
{
    /// <summary>
    /// One call to the awsSts endpoint. The password, passcode and AWS MFA token stay SecureStrings
    /// here; they become bytes only inside <see cref="FormUrlEncoder"/>, which wipes them after use.
    /// </summary>
    internal sealed class CasRequest
    {
        public CasRequest(string userName, SecureString password, TimeSpan duration)
        {
            UserName = userName ?? throw new ArgumentNullException(nameof(userName));
            Password = password ?? throw new ArgumentNullException(nameof(password));
            Duration = duration;
        }

        public string UserName { get; }

        public SecureString Password { get; }

        /// <summary>Always sent: CAS 7.1+ would otherwise ask STS for 15 seconds, which STS refuses.</summary>
        public TimeSpan Duration { get; }

        /// <summary>The exact role ARN; CAS may match it as a regular expression, so never a pattern.</summary>
        public string? RoleArn { get; set; }

        /// <summary>
        /// The one-time code of <see cref="MfaProvider"/>, sent in that provider's field. Without one, a Duo
        /// user gets a push and the request waits for the answer; other providers fail.
        /// </summary>
        public SecureString? Passcode { get; set; }

        /// <summary>Which CAS MFA provider <see cref="Passcode"/> is for.</summary>
        public CasMfaProvider MfaProvider { get; set; } = CasMfaProvider.Duo;

        /// <summary>Google Authenticator: the id of the registered device ('gauthacct'), for users with several.</summary>
        public string? MfaAccount { get; set; }

        /// <summary>Duo: the provider id ('provider') when the deployment's Duo provider is not 'mfa-duo'.</summary>
        public string? DuoProviderId { get; set; }

        /// <summary>CAS's 'service': the application URL that per-service MFA policies match.</summary>
        public string? Service { get; set; }

        /// <summary>The AWS-side MFA code, passed to STS as TokenCode (CAS's field name is 'token').</summary>
        public SecureString? Token { get; set; }

        /// <summary>The AWS-side MFA device serial number or ARN.</summary>
        public string? SerialNumber { get; set; }

        /// <summary>Text safe for verbose output: never a password, passcode or token value.</summary>
        public string Describe()
        {
            string text = "username=" + UserName + ", duration=" + ((long)Duration.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (RoleArn != null) text += ", roleArn=" + RoleArn;
            if (MfaProvider != CasMfaProvider.Duo) text += ", mfaProvider=" + MfaProvider;
            if (Passcode != null) text += ", " + MfaProvider.CodeField() + "=(given)";
            if (MfaAccount != null) text += ", gauthacct=" + MfaAccount;
            if (DuoProviderId != null) text += ", provider=" + DuoProviderId;
            if (Service != null) text += ", service=" + Service;
            if (Token != null) text += ", token=(given)";
            if (SerialNumber != null) text += ", serialNumber=" + SerialNumber;
            return text;
        }

        /// <summary>The form body; the caller must wipe the returned bytes when the request is done.</summary>
        public byte[] EncodeForm()
        {
            using (var form = new FormUrlEncoder())
            {
                form.Add("username", UserName);
                form.Add("password", Password);
                form.Add("duration", ((long)Duration.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (!string.IsNullOrEmpty(RoleArn)) form.Add("roleArn", RoleArn!);
                if (Passcode != null && Passcode.Length > 0) form.Add(MfaProvider.CodeField(), Passcode);
                if (MfaProvider == CasMfaProvider.GoogleAuthenticator && !string.IsNullOrEmpty(MfaAccount)) form.Add("gauthacct", MfaAccount!);
                if (MfaProvider == CasMfaProvider.Duo && !string.IsNullOrEmpty(DuoProviderId)) form.Add("provider", DuoProviderId!);
                if (!string.IsNullOrEmpty(Service)) form.Add("service", Service!);
                if (Token != null && Token.Length > 0) form.Add("token", Token);
                if (!string.IsNullOrEmpty(SerialNumber)) form.Add("serialNumber", SerialNumber!);
                return form.ToArray();
            }
        }
    }
}
