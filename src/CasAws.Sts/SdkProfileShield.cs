using System;
using System.IO;
using Amazon;

namespace CasAws.Sts
{
    /// <summary>
    /// Keeps the AWS SDK away from the user's ~/.aws files. Even with explicit credentials, endpoint and
    /// settings, AWSSDK.Core reads the default profile of ~/.aws/credentials and ~/.aws/config once per
    /// process for its fallback settings (retry mode, defaults mode, endpoint URLs). Pointing our copy's
    /// profiles location at a file that does not exist stops that. This is a static of AWSSDK.Core, so it
    /// is set only when that AWSSDK.Core is our private copy (always on PowerShell 7; on Windows PowerShell
    /// it is shared when AWS Tools loaded the same assembly version first, and then left alone).
    /// </summary>
    internal static class SdkProfileShield
    {
        private static readonly object Gate = new object();
        private static bool applied;

        public static void Apply()
        {
            lock (Gate)
            {
                if (applied)
                {
                    return;
                }

                applied = true;
                string ours = Path.GetDirectoryName(typeof(SdkProfileShield).Assembly.Location) ?? string.Empty;
                string sdk = Path.GetDirectoryName(typeof(AWSConfigs).Assembly.Location) ?? string.Empty;
                if (ours.Length > 0 && string.Equals(Path.GetFullPath(ours), Path.GetFullPath(sdk), StringComparison.OrdinalIgnoreCase)
                    && string.IsNullOrEmpty(AWSConfigs.AWSProfilesLocation))
                {
                    AWSConfigs.AWSProfilesLocation = Path.Combine(ours, "no-aws-profiles", "credentials");
                }
            }
        }
    }
}
