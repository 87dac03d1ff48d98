using System;

namespace CasAws.Cas
{
    /// <summary>
    /// Reads CAS's success body: '[default]' then aws_access_key_id, aws_secret_access_key,
    /// aws_session_token and region lines. Lines may end in LF or CRLF (a CAS on Windows mixes them);
    /// each line splits at its first '=' only, because secrets hold '=', '+' and '/'.
    /// </summary>
    internal static class CasCredentialsBodyParser
    {
        public static CasCredentialsBody? TryParse(string body)
        {
            if (body == null) return null;
            string? accessKey = null, secretKey = null, sessionToken = null, region = null;
            bool sawHeader = false;
            foreach (string rawLine in body.Split('\n'))
            {
                string line = rawLine.TrimEnd('\r').Trim();
                if (line.Length == 0) continue;
                if (line.StartsWith("[", StringComparison.Ordinal))
                {
                    if (sawHeader || !string.Equals(line, "[default]", StringComparison.Ordinal)) return null;
                    sawHeader = true;
                    continue;
                }

                int equals = line.IndexOf('=');
                if (!sawHeader || equals <= 0) return null;
                string key = line.Substring(0, equals).Trim();
                string value = line.Substring(equals + 1).Trim();
                switch (key)
                {
                    case "aws_access_key_id": accessKey = value; break;
                    case "aws_secret_access_key": secretKey = value; break;
                    case "aws_session_token": sessionToken = value; break;
                    case "region": region = value; break;
                    default: break; // a later CAS may add keys; they are not needed here
                }
            }

            if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey) || string.IsNullOrEmpty(sessionToken)) return null;
            return new CasCredentialsBody(accessKey!, secretKey!, sessionToken!, region);
        }
    }
}
