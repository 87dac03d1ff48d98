using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;

namespace CasAws.Files
{
    /// <summary>Writes and removes static profiles in the shared credentials file (~/.aws/credentials).</summary>
    internal static class CredentialsFileProfiles
    {
        private const string ExpiresKey = "x_security_token_expires";
        private const string ExpiresFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

        /// <summary>Whether a section holds keys that CasAws stored (-StoreAs): its own mark beside an access key.</summary>
        public static bool IsStoredByCasAws(IReadOnlyDictionary<string, string> keys) =>
            keys.ContainsKey(AwsProfileSection.ManagedKey) && keys.ContainsKey("aws_access_key_id");

        /// <summary>When the stored keys expire (UTC), as <see cref="Store"/> wrote it; null when the section does not say.</summary>
        public static DateTime? ExpiryOf(IReadOnlyDictionary<string, string> keys) =>
            keys.TryGetValue(ExpiresKey, out string? text)
            && DateTime.TryParseExact(text, ExpiresFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime expiry)
                ? expiry
                : null;

        /// <summary>What a profile in the credentials file currently is.</summary>
        public static ProfileOwnership Inspect(string path, string profile)
        {
            IReadOnlyDictionary<string, string>? keys = IniFileEditor.ReadForInspection(path).ReadSection(AwsProfileSection.InCredentialsFile(profile));
            if (keys is null)
            {
                return ProfileOwnership.Missing;
            }

            if (keys.ContainsKey(AwsProfileSection.ManagedKey))
            {
                return ProfileOwnership.CasAws;
            }

            return keys.ContainsKey("aws_access_key_id") ? ProfileOwnership.Foreign : ProfileOwnership.NoKeys;
        }

        /// <summary>
        /// Writes the keys, their expiry (x_security_token_expires, as saml2aws does) and the role into
        /// the profile, keeping every other key of the section. The caller checked ownership first; the
        /// check is repeated under the lock so a concurrent change is never overwritten.
        /// </summary>
        public static bool Store(string path, string profile, TemporaryKeys keys, bool force, CancellationToken cancellation)
        {
            return IniFileEditor.Edit(path, FilePrivacy.OwnerOnly, document =>
            {
                IReadOnlyDictionary<string, string>? existing = document.ReadSection(AwsProfileSection.InCredentialsFile(profile));
                if (!force && existing is not null && existing.ContainsKey("aws_access_key_id") && !existing.ContainsKey(AwsProfileSection.ManagedKey))
                {
                    throw new ProfileNotOwnedException(path, profile);
                }

                var values = new List<KeyValuePair<string, string>>
                {
                    new KeyValuePair<string, string>("aws_access_key_id", keys.AccessKeyId),
                    new KeyValuePair<string, string>("aws_secret_access_key", keys.SecretAccessKey),
                    new KeyValuePair<string, string>("aws_session_token", keys.SessionToken),
                    new KeyValuePair<string, string>(ExpiresKey, keys.Expiration.ToString(ExpiresFormat, CultureInfo.InvariantCulture)),
                };
                var remove = new List<string>();
                if (keys.RoleArn is null)
                {
                    remove.Add("x_principal_arn");
                }
                else
                {
                    values.Add(new KeyValuePair<string, string>("x_principal_arn", keys.RoleArn));
                }

                values.Add(new KeyValuePair<string, string>(AwsProfileSection.ManagedKey, "true"));
                return document.SetKeys(AwsProfileSection.InCredentialsFile(profile), profile, values, remove);
            }, cancellation);
        }

        /// <summary>Removes the profile's section; a section holding keys CasAws did not write only with <paramref name="force"/>.</summary>
        public static bool Remove(string path, string profile, bool force, CancellationToken cancellation)
        {
            return IniFileEditor.Edit(path, FilePrivacy.OwnerOnly, document =>
            {
                IReadOnlyDictionary<string, string>? existing = document.ReadSection(AwsProfileSection.InCredentialsFile(profile));
                if (existing is null)
                {
                    return false;
                }

                if (!force && existing.ContainsKey("aws_access_key_id") && !existing.ContainsKey(AwsProfileSection.ManagedKey))
                {
                    throw new ProfileNotOwnedException(path, profile);
                }

                return document.RemoveSection(AwsProfileSection.InCredentialsFile(profile));
            }, cancellation);
        }
    }
}
