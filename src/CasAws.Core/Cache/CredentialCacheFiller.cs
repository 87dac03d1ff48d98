using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using CasAws.Aws;
using CasAws.Credentials;

namespace CasAws.Cache
{
    /// <summary>
    /// Writes credentials CAS just handed out into the cache entry of every credential_process profile
    /// registered for the same server, role and CAS user, so one login serves every later 'aws' command.
    /// Keys that outlive the new ones stay: a short login never cuts a long one short.
    /// </summary>
    internal static class CredentialCacheFiller
    {
        /// <summary>The current user's credential_process cache as a sink for <see cref="CasCredentialService"/>.</summary>
        public static readonly ICredentialSink ForCurrentUser = new CurrentUserCacheSink();

        /// <summary>
        /// Returns how many profiles were refilled. Never throws: it runs after CAS answered, and the
        /// credentials must reach the user even when the cache cannot be written; each failure is passed
        /// to <paramref name="warn"/> instead.
        /// </summary>
        public static int Fill(CredentialCacheStore store, CasAwsCredential credential, CredentialOrigin origin, Action<string> warn)
        {
            int filled = FillMatching(store, credential, origin, exceptProfile: null, warn);
            if (filled > 0)
            {
                RefreshUserHelper();
            }

            return filled;
        }

        /// <summary>
        /// The one cache-fill rule, for the module and for the helper's own terminal login: every profile of the
        /// same server and role whose cache accepts keys of this CAS user and this lifetime gets them, except
        /// <paramref name="exceptProfile"/> (the helper caches its own profile first). Returns how many were filled.
        /// </summary>
        public static int FillMatching(CredentialCacheStore store, CasAwsCredential credential, CredentialOrigin origin, string? exceptProfile, Action<string> warn)
        {
            IReadOnlyList<CredentialCacheEntry> entries;
            try
            {
                entries = store.ReadAll();
            }
            catch (Exception exception) when (IsCacheFailure(exception))
            {
                warn($"The credential_process cache was not updated: {exception.Message}");
                return 0;
            }

            int filled = 0;
            string server = ServerKey.Normalize(origin.Server);
            DateTime utcNow = DateTime.UtcNow;
            foreach (CredentialCacheEntry entry in entries)
            {
                if (entry.ProfileName == exceptProfile || entry.Server != server || !IsSameRole(entry.RoleArn, origin.RoleArn, credential.AssumedRoleArn)
                    || !entry.AcceptsKeysFrom(origin.UserName, credential.Expiration, utcNow))
                {
                    continue;
                }

                try
                {
                    store.Write(entry.ForUser(origin.UserName).WithKeys(credential.AccessKey, credential.SecretKey, credential.SessionToken, credential.Expiration, credential.AccountId));
                    filled++;
                }
                catch (Exception exception) when (IsCacheFailure(exception))
                {
                    warn($"The credential_process cache for profile '{entry.ProfileName}' was not updated: {exception.Message}");
                }
            }

            return filled;
        }

        /// <summary>
        /// After an update the profiles still run the copy an older version made, which may not read what this
        /// version cached: the first login that fills their cache puts this version's helper there.
        /// </summary>
        private static void RefreshUserHelper()
        {
            string bundled = CredentialProcessHelper.ExpectedPath();
            if (CredentialProcessHelper.StateOf(bundled) != CasAwsHelperState.Ready)
            {
                return;
            }

            try
            {
                UserHelperCopy.Refresh(bundled);
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException)
            {
                // The old copy keeps serving (on Windows a running helper cannot be replaced); the next login tries again.
            }
        }

        /// <summary>
        /// The requested ARN decides; when CAS chose the user's only role itself (no ARN in the request),
        /// the assumed-role ARN STS reported is compared by account and role name.
        /// </summary>
        internal static bool IsSameRole(string? registered, string? requested, string? assumedRoleArn)
        {
            if (requested is not null || registered is null)
            {
                return string.Equals(registered, requested, StringComparison.Ordinal);
            }

            return AwsArn.IsSessionOf(assumedRoleArn, registered);
        }

        private sealed class CurrentUserCacheSink : ICredentialSink
        {
            public void Accept(CasAwsCredential credential, CredentialOrigin origin, Action<string> warn) =>
                Fill(CredentialCacheStore.ForCurrentUser(), credential, origin, warn);
        }

        /// <summary>A full disk, a denied write, an untrusted directory, a failed DPAPI call, a value the cache cannot hold.</summary>
        private static bool IsCacheFailure(Exception exception) =>
            exception is IOException || exception is UnauthorizedAccessException || exception is Win32Exception || exception is ArgumentException;
    }
}
