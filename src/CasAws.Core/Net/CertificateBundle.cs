using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CasAws.Net
{
    /// <summary>
    /// Extra CA certificates from a PEM file (a company CA, a TLS-inspecting proxy, the emulator's test CA)
    /// that anchor trust in addition to the system's store. The platform's own chain engine decides, in
    /// custom-root mode, with the intermediates the server sent; the certificate must be issued for server
    /// authentication, be within its validity dates and name the host (SslStream's name check is kept).
    /// </summary>
    internal sealed class CertificateBundle
    {
        /// <summary>id-kp-serverAuth: a certificate for a TLS server (RFC 5280, 4.2.1.12).</summary>
        internal const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

        /// <summary>The system's whole CA list is under 300 KB: a larger "bundle" (or a device such as /dev/zero) is not read.</summary>
        internal const int MaxBundleBytes = 4 * 1024 * 1024;

        private const string BeginMarker = "-----BEGIN CERTIFICATE-----";
        private const string EndMarker = "-----END CERTIFICATE-----";

        private static readonly ConcurrentDictionary<string, CertificateBundle> Loaded = new ConcurrentDictionary<string, CertificateBundle>(StringComparer.Ordinal);

        private readonly X509Certificate2[] _authorities;
        private readonly DateTime _writtenUtc;
        private readonly long _length;

        private CertificateBundle(X509Certificate2[] authorities, DateTime writtenUtc, long length)
        {
            _authorities = authorities;
            _writtenUtc = writtenUtc;
            _length = length;
        }

        public int Count => _authorities.Length;

        /// <summary>
        /// <paramref name="fullPath"/> once it loads as a PEM bundle: the one check of a CA bundle, whether it comes
        /// from -CaBundlePath, AWS_CA_BUNDLE, a saved connection or the helper's --ca-bundle.
        /// </summary>
        /// <exception cref="Errors.CasAwsException">CaBundleUnreadable, naming <paramref name="source"/>.</exception>
        public static string Checked(string fullPath, string shownPath, string source)
        {
            try
            {
                Load(fullPath);
                return fullPath;
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException || exception is FormatException
                || exception is InvalidDataException || exception is CryptographicException || exception is ArgumentException || exception is NotSupportedException)
            {
                throw new Errors.CasAwsException(Errors.ErrorIds.CaBundleUnreadable, Errors.CasAwsErrorKind.ReadError, shownPath,
                    $"{source} '{Validation.TerminalText.Visible(shownPath)}' could not be read as PEM certificates ({exception.Message}). Pass a file holding one or more '-----BEGIN CERTIFICATE-----' blocks.", exception);
            }
        }

        /// <exception cref="InvalidDataException">The file is larger than <see cref="MaxBundleBytes"/> or never ends.</exception>
        private static string ReadBounded(string path)
        {
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                byte[] buffer = new byte[64 * 1024];
                using (var text = new MemoryStream())
                {
                    int read;
                    while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        if (text.Length + read > MaxBundleBytes)
                        {
                            throw new InvalidDataException($"it is larger than {MaxBundleBytes / (1024 * 1024)} MB, which no CA bundle is");
                        }

                        text.Write(buffer, 0, read);
                    }

                    return System.Text.Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length);
                }
            }
        }

        /// <exception cref="InvalidDataException">The file holds no PEM certificate.</exception>
        public static CertificateBundle Load(string path)
        {
            // The stamp is taken before reading: a change made while we read is noticed next time.
            var info = new FileInfo(path);
            DateTime writtenUtc = info.LastWriteTimeUtc;
            long length = info.Exists ? info.Length : -1;
            string text = ReadBounded(path);
            var certificates = new List<X509Certificate2>();
            int start = text.IndexOf(BeginMarker, StringComparison.Ordinal);
            while (start >= 0)
            {
                int end = text.IndexOf(EndMarker, start, StringComparison.Ordinal);
                if (end < 0) break;
                string base64 = text.Substring(start + BeginMarker.Length, end - start - BeginMarker.Length);
                certificates.Add(new X509Certificate2(Convert.FromBase64String(base64)));
                start = text.IndexOf(BeginMarker, end, StringComparison.Ordinal);
            }

            if (certificates.Count == 0)
            {
                throw new InvalidDataException("'" + path + "' holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
            }

            return new CertificateBundle(certificates.ToArray(), writtenUtc, length);
        }

        /// <summary>
        /// The bundle as the file holds it now: read again when its time stamp or size changed (a renewed
        /// company CA is picked up without restarting PowerShell). A file that became unreadable trusts nothing.
        /// </summary>
        public static CertificateBundle Current(string path)
        {
            var info = new FileInfo(path);
            if (Loaded.TryGetValue(path, out CertificateBundle? known) && info.Exists
                && known._writtenUtc == info.LastWriteTimeUtc && known._length == info.Length)
            {
                return known;
            }

            CertificateBundle fresh;
            try
            {
                fresh = Load(path);
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException
                || exception is FormatException || exception is CryptographicException)
            {
                fresh = new CertificateBundle(new X509Certificate2[0], info.Exists ? info.LastWriteTimeUtc : DateTime.MinValue, info.Exists ? info.Length : -1);
            }

            Loaded[path] = fresh;
            return fresh;
        }

        /// <summary>
        /// True when the system already trusts the certificate (SslStream checked name, dates and purpose),
        /// or when the platform's chain engine, anchored in this bundle's certificates only, builds a valid
        /// chain for server authentication from it and the intermediates in <paramref name="sent"/>.
        /// A wrong host name is never accepted.
        /// </summary>
        public bool Validates(X509Certificate2? certificate, X509Chain? sent, SslPolicyErrors errors)
        {
            if (errors == SslPolicyErrors.None) return true;
            if (certificate == null || _authorities.Length == 0 || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None) return false;
            using (var chain = new X509Chain())
            {
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ServerAuthentication));
                if (sent != null)
                {
                    chain.ChainPolicy.ExtraStore.AddRange(sent.ChainPolicy.ExtraStore);
                    foreach (X509ChainElement element in sent.ChainElements)
                    {
                        chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                    }
                }
#if NET
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
                return chain.Build(certificate);
#else
                // No custom-root mode before .NET 5 (Windows PowerShell 5.1): let the engine build with the
                // bundle as extra certificates, accept only an unknown root, and require that root to be ours.
                chain.ChainPolicy.ExtraStore.AddRange(_authorities);
                chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
                if (!chain.Build(certificate)) return false;
                X509Certificate2 root = chain.ChainElements[chain.ChainElements.Count - 1].Certificate;
                return _authorities.Any(authority => authority.RawData.SequenceEqual(root.RawData));
#endif
            }
        }
    }
}
