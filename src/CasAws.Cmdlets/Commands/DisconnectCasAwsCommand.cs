using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using CasAws.Cache;
using CasAws.Errors;
using CasAws.Files;
using CasAws.Session;

namespace CasAws.Commands
{
    /// <summary>
    /// Forgets the CAS session and wipes its password, role list and cached credentials; with -All also logs
    /// out on disk: the keys cached for registered profiles and the cached id_token (<see cref="CachedLogins"/>).
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "CasAws", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class DisconnectCasAwsCommand : CasAwsCmdlet
    {
        /// <summary>Also wipe what is cached on disk: the keys of the registered profiles and the id_token, for the session's server and user (without a session: for every server).</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        protected override void ProcessRecord()
        {
            CasAwsSession? session = CasSessionStore.Current;
            if (session != null && ShouldProcess($"{session.UserName} at {session.Server}", "Forget the CAS session (password, roles, credentials in memory)"))
            {
                CasSessionStore.Clear();
                WriteVerbose($"Forgot the session of {session.UserName} at {session.Server}: password, roles and cached credentials are wiped.");
            }
            else if (session == null)
            {
                WriteVerbose("There was no CAS session.");
            }

            if (All.IsPresent) LogOutOnDisk(session);
        }

        private void LogOutOnDisk(CasAwsSession? session)
        {
            CredentialCacheStore store = CredentialCacheStore.ForCurrentUser();
            string scope = session == null ? "every server" : $"{session.UserName} at {session.Server}";
            try
            {
                CachedLogins found = CachedLogins.Find(store, session?.Settings.Server, session?.UserName);
                if (found.IsEmpty)
                {
                    WriteVerbose($"Nothing is cached on disk for {scope}.");
                    return;
                }

                string what = Describe(found);
                if (!ShouldProcess(store.Directory, $"Wipe {what} ({scope})")) return;
                found.Wipe(store);
                WriteInformation(new HostInformationMessage { Message = $"Logged out on this computer: wiped {what} for {scope}. The profiles stay registered; their next aws command logs in again." }, new[] { "PSHOST" });
            }
            catch (UntrustedDirectoryException exception)
            {
                WriteError(ProfileErrorRecords.Untrusted(exception));
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(new IOException(
                        $"The cached logins for {scope} could not all be wiped ({exception.Message}). Check that you own '{CacheDirectory.Resolve()}' and can write to it, then run Disconnect-CasAws -All again.", exception),
                    ErrorIds.CredentialCacheNotWritable, ErrorCategory.WriteError, store.Directory));
            }
        }

        private static string Describe(CachedLogins found)
        {
            var parts = new List<string>();
            if (found.Profiles.Count > 0) parts.Add($"the cached keys of profile{(found.Profiles.Count == 1 ? string.Empty : "s")} '{string.Join("', '", found.Profiles)}'");
            if (found.TokenFiles.Count > 0) parts.Add(found.TokenFiles.Count == 1 ? "the cached browser login (id_token)" : $"{found.TokenFiles.Count} cached browser logins (id_tokens)");
            return string.Join(" and ", parts);
        }
    }
}
