<#
.SYNOPSIS
    Stand-ins for AWS Tools for PowerShell's Set-AWSCredential and a service cmdlet (Get-S3Bucket).
.DESCRIPTION
    AWS Tools comes only from the PowerShell Gallery, which tests cannot reach. These are compiled
    cmdlets, like AWS Tools' own, with the same parameter names, types, aliases, parameter sets,
    positions, mandatory flags and pipeline attributes (shared/docs/aws-integration.md; AWS Tools'
    AWSCredentialsArgumentsFullCmdlet and SetCredentialsParametersCmdlet: no default parameter set).
    A compiled cmdlet matters: a script function would add a credential transformation to its
    PSCredential parameter that AWS Tools' C# cmdlets do not have.
    Each cmdlet outputs what PowerShell bound (parameter set and bound parameters), so a test proves
    how an object piped into the real cmdlet binds. AWS Tools' AWSCredentials and VariableScope types
    are stood in for by types in the AwsToolsStandIn namespace, so a test that loads the real
    AWSSDK.Core into the same session is not disturbed.
#>
if (-not ('AwsToolsStandIn.SetAwsCredentialCommand' -as [type])) {
    Add-Type -TypeDefinition @'
using System.Collections;
using System.Management.Automation;

namespace AwsToolsStandIn
{
    /// <summary>Stands in for Amazon.Runtime.AWSCredentials: abstract, so nothing converts into it.</summary>
    public abstract class AWSCredentials { }

    /// <summary>Stands in for Amazon.Runtime.BasicAWSCredentials, for objects that carry one.</summary>
    public sealed class BasicAWSCredentials : AWSCredentials { }

    /// <summary>Amazon.PowerShell.Common.VariableScope.</summary>
    public enum VariableScope { Global = -1, Local = -2, Script = -3, Private = -4 }

    public sealed class BindingResult
    {
        public BindingResult(string parameterSetName, IDictionary bound) { ParameterSetName = parameterSetName; Bound = new Hashtable(bound); }
        public string ParameterSetName { get; private set; }
        public Hashtable Bound { get; private set; }
    }

    [Cmdlet("Set", "AWSCredential")]
    [OutputType(typeof(BindingResult))]
    public sealed class SetAwsCredentialCommand : PSCmdlet
    {
        private const string BasicOrSession = "BasicOrSession", AssumeRole = "AssumeRole", CredentialsObject = "AWSCredentialsObject", StoredProfile = "StoredProfile";

        [Alias("AK")]
        [Parameter(ValueFromPipelineByPropertyName = true, Mandatory = true, ParameterSetName = BasicOrSession)]
        public string AccessKey { get; set; }

        [Alias("SK", "SecretAccessKey")]
        [Parameter(ValueFromPipelineByPropertyName = true, Mandatory = true, ParameterSetName = BasicOrSession)]
        public string SecretKey { get; set; }

        [Alias("ST")]
        [Parameter(ValueFromPipelineByPropertyName = true, Mandatory = false, ParameterSetName = BasicOrSession)]
        public string SessionToken { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true, Mandatory = false, ParameterSetName = AssumeRole)]
        public string ExternalID { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true, Mandatory = false, ParameterSetName = AssumeRole)]
        public string MfaSerial { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true, Mandatory = true, ParameterSetName = AssumeRole)]
        public string RoleArn { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true, Mandatory = true, ParameterSetName = AssumeRole)]
        public string SourceProfile { get; set; }

        [Alias("StoredCredentials", "AWSProfileName")]
        [Parameter(ValueFromPipelineByPropertyName = true, Mandatory = true, ParameterSetName = StoredProfile, Position = 200)]
        public string ProfileName { get; set; }

        [Alias("AWSProfilesLocation", "ProfilesLocation")]
        [Parameter(ValueFromPipelineByPropertyName = true, Mandatory = false, Position = 201, ParameterSetName = BasicOrSession)]
        [Parameter(ValueFromPipelineByPropertyName = true, Mandatory = false, Position = 201, ParameterSetName = AssumeRole)]
        [Parameter(ValueFromPipelineByPropertyName = true, Mandatory = false, Position = 201, ParameterSetName = CredentialsObject)]
        [Parameter(ValueFromPipelineByPropertyName = true, Mandatory = false, Position = 201, ParameterSetName = StoredProfile)]
        public string ProfileLocation { get; set; }

        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, Mandatory = true, ParameterSetName = CredentialsObject)]
        public AWSCredentials Credential { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true, Mandatory = false, ParameterSetName = StoredProfile)]
        public PSCredential NetworkCredential { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true, Mandatory = false, ParameterSetName = BasicOrSession)]
        [Parameter(ValueFromPipelineByPropertyName = true, Mandatory = false, ParameterSetName = AssumeRole)]
        [Parameter(ValueFromPipelineByPropertyName = true, Mandatory = false, ParameterSetName = CredentialsObject)]
        [Parameter(ValueFromPipelineByPropertyName = true, Mandatory = false, ParameterSetName = StoredProfile)]
        public string StoreAs { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true, Mandatory = false, ParameterSetName = BasicOrSession)]
        [Parameter(ValueFromPipelineByPropertyName = true, Mandatory = false, ParameterSetName = AssumeRole)]
        [Parameter(ValueFromPipelineByPropertyName = true, Mandatory = false, ParameterSetName = CredentialsObject)]
        [Parameter(ValueFromPipelineByPropertyName = true, Mandatory = false, ParameterSetName = StoredProfile)]
        public VariableScope Scope { get; set; }

        protected override void ProcessRecord()
        {
            WriteObject(new BindingResult(ParameterSetName, MyInvocation.BoundParameters));
        }
    }

    [Cmdlet("Get", "S3Bucket")]
    [OutputType(typeof(BindingResult))]
    public sealed class GetS3BucketCommand : PSCmdlet
    {
        [Alias("AK")]
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string AccessKey { get; set; }

        [Alias("SK", "SecretAccessKey")]
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string SecretKey { get; set; }

        [Alias("ST")]
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string SessionToken { get; set; }

        [Alias("StoredCredentials", "AWSProfileName")]
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string ProfileName { get; set; }

        [Alias("AWSProfilesLocation", "ProfilesLocation")]
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string ProfileLocation { get; set; }

        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        public AWSCredentials Credential { get; set; }

        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        public PSCredential NetworkCredential { get; set; }

        [Alias("RegionToCall")]
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object Region { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string EndpointUrl { get; set; }

        protected override void ProcessRecord()
        {
            WriteObject(new BindingResult(ParameterSetName, MyInvocation.BoundParameters));
        }
    }
}
'@
}

Import-Module -Assembly ([AwsToolsStandIn.SetAwsCredentialCommand].Assembly) -Scope Global -Force
