using System.Management.Automation;
using System.Security;

namespace CasAws.Commands
{
    /// <summary>
    /// Connect-CasAws and Get-CasAwsCredential: a CAS login that asks for AWS credentials, so its request may carry
    /// AWS-side MFA for STS. Test-CasAwsSetup's login check asks for none, so it derives from the connection base alone.
    /// </summary>
    public abstract class CasAwsLoginCmdlet : CasAwsConnectionCmdlet
    {
        /// <summary>AWS-side MFA: the TOTP code CAS passes to STS as TokenCode (CAS's field 'token').</summary>
        [Parameter]
        [SecureStringTransformation]
        public SecureString? Token { get; set; }

        /// <summary>AWS-side MFA: the device serial or ARN CAS passes to STS as SerialNumber.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SerialNumber { get; set; }
    }
}
