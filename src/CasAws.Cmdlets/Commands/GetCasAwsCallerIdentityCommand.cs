using System.Management.Automation;
using CasAws.Aws;
using CasAws.Credentials;
using CasAws.Errors;

namespace CasAws.Commands
{
    /// <summary>
    /// Get-CasAwsCallerIdentity: who a set of AWS credentials is (STS GetCallerIdentity): the account,
    /// the ARN and the user id. No CAS call when credentials are given.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CasAwsCallerIdentity")]
    [OutputType(typeof(CasAwsCallerIdentity))]
    public sealed class GetCasAwsCallerIdentityCommand : CasAwsStsCmdlet
    {
        protected override void ProcessRecord()
        {
            try
            {
                CasAwsCredential credential = SourceCredential();
                StsService sts = StsFor(credential);
                CasAwsCallerIdentity identity = CallSts(sts, token => sts.GetCallerIdentityAsync(credential, token), "Asking STS who these credentials are");
                WriteObject(identity);
            }
            catch (CasAwsException failure)
            {
                WriteCasError(failure);
            }
        }
    }
}
