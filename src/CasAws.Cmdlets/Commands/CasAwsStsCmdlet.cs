using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CasAws.Aws;
using CasAws.Connections;
using CasAws.Credentials;
using CasAws.Errors;
using CasAws.Net;
using CasAws.Session;
using CasAws.Waiting;

namespace CasAws.Commands
{
    /// <summary>
    /// What the cmdlets that ask AWS itself share: credentials from the pipeline or from the session, and
    /// where to reach STS (-EndpointUrl, -Region, -TimeoutSec, honouring AWS_ENDPOINT_URL_STS and AWS_REGION),
    /// and how: certificate trust and proxy (-CaBundlePath, -SkipCertificateCheck, -Proxy, AWS_CA_BUNDLE, the session's).
    /// </summary>
    public abstract class CasAwsStsCmdlet : CasAwsCmdlet
    {
        /// <summary>Credentials to use, e.g. from Get-CasAwsCredential; the session's when omitted.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNull]
        public CasAwsCredential? AwsCredential { get; set; }

        /// <summary>The STS endpoint; default AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, else the regional endpoint.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? EndpointUrl { get; set; }

        /// <summary>The region to call STS in (and sign for); default AWS_REGION, else the credential's region, else the global endpoint.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Region { get; set; }

        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = (int)StsEndpointResolver.DefaultTimeout.TotalSeconds;

        /// <summary>A PEM file of CA certificates to trust for STS and the federation endpoint; default AWS_CA_BUNDLE, else the session's -CaBundlePath.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CaBundlePath { get; set; }

        /// <summary>Do not check the certificates of STS and the federation endpoint (test endpoints only).</summary>
        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>The proxy for STS and the federation endpoint; default the session's -Proxy, else the system proxy.</summary>
        [Parameter]
        public Uri? Proxy { get; set; }

        [Parameter]
        [Credential]
        public PSCredential? ProxyCredential { get; set; }

        private TransportSettings? _given;
        private readonly Dictionary<TransportSettings, TransportSettings> _transports = new Dictionary<TransportSettings, TransportSettings>();
        private TransportSettings? _withoutLogin;

        /// <summary>The -AwsCredential given, or the session's credentials (from its cache, else one CAS call).</summary>
        internal CasAwsCredential SourceCredential()
        {
            if (AwsCredential != null)
            {
                return AwsCredential;
            }

            CasAwsSession session = CasSessionStore.RequireCurrent(MyInvocation.MyCommand.Name);
            string command = MyInvocation.MyCommand.Name;
            if (session.DefaultRoleArn == null && session.RoleCount > 1)
            {
                throw CasAnswerErrors.RoleRequiredForPipeline(session.Server, command, session.Roles.Select(role => role.RoleArn));
            }

            var request = new CredentialRequest(session.DefaultDuration) { RoleArn = session.DefaultRoleArn };
            try
            {
                return GetSessionCredential(session, request).Credential;
            }
            catch (CasAwsException exception) when (exception.ErrorId == ErrorIds.RoleArnRequired)
            {
                // CAS listed the roles only now; this command has no -RoleArn of its own to pass one with.
                throw CasAnswerErrors.RoleRequiredForPipeline(session.Server, command, session.Roles.Select(role => role.RoleArn));
            }
        }

        /// <summary>
        /// Certificate trust and proxy for STS and the federation endpoint for <paramref name="credential"/>: this
        /// command's parameters, else AWS_CA_BUNDLE, else the login the credential came from, else the session's
        /// (<see cref="TransportSettings.ForAws(TransportSettings, TransportSettings?, Func{string, string?}, Func{string, string}?)"/>
        /// over <see cref="SettingLayers.LoginTransport"/>), worked out once per login.
        /// </summary>
        internal TransportSettings AwsTransport(CasAwsCredential? credential)
        {
            TransportSettings? login = new SettingLayers(credential?.Origin, null, CasSessionStore.Current).LoginTransport();
            if (login == null)
            {
                return _withoutLogin ??= AwsTransportFrom(Given(), null);
            }

            if (!_transports.TryGetValue(login, out TransportSettings? transport))
            {
                transport = AwsTransportFrom(Given(), login);
                _transports[login] = transport;
            }

            return transport;
        }

        /// <summary>What this command's own parameters say about trust and proxy (checked and warned about once).</summary>
        private TransportSettings Given()
        {
            if (_given != null)
            {
                return _given;
            }

            var given = new TransportSettings
            {
                SkipCertificateCheck = SkipCertificateCheck.IsPresent,
                Proxy = CheckProxy(Proxy),
                ProxyCredential = ToProxyCredential(ProxyCredential),
            };
            if (SkipCertificateCheck.IsPresent)
            {
                WriteWarning("-SkipCertificateCheck: the certificates of STS and the federation endpoint are not checked, so anyone on the network path could take these credentials. Use it only for a test endpoint; for a private CA use -CaBundlePath.");
            }
            else if (CaBundlePath != null)
            {
                given.CaBundlePath = LoadCaBundle(CaBundlePath, "-CaBundlePath");
            }

            _given = given;
            return given;
        }

        internal StsService StsFor(CasAwsCredential credential)
        {
            TransportSettings transport = AwsTransport(credential);
#if !NET
            if (transport.SkipCertificateCheck || transport.CaBundlePath != null)
            {
                WriteWarning("In Windows PowerShell 5.1 the AWS SDK checks STS's certificate against the Windows certificate store only: -CaBundlePath, AWS_CA_BUNDLE and -SkipCertificateCheck apply to CAS and the federation endpoint, not to STS. Add the CA to the store, or use PowerShell 7.");
            }
#endif
            try
            {
                StsEndpoint endpoint = StsEndpointResolver.Resolve(EndpointUrl, Region, credential.Region, TimeSpan.FromSeconds(TimeoutSec), Environment.GetEnvironmentVariable);
                endpoint.Transport = transport;
                return new StsService(endpoint);
            }
            catch (ArgumentException problem)
            {
                throw StsErrors.InvalidEndpoint(problem, EndpointUrl ?? Region);
            }
        }

        internal T CallSts<T>(StsService sts, Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<T>> call, string activity)
        {
            WriteVerbose("STS endpoint: " + sts.Endpoint);
            return WaitWithProgress(call, WaitText.StsActivity, seconds => WaitText.StsStatus(seconds, activity + " (" + sts.Endpoint.ServiceUrl.Host + ")"));
        }
    }
}
