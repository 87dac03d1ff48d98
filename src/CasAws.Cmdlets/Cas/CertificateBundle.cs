using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace CasAws.Cas
{
    /// <summary>
    /// Extra CA certificates from a PEM file (a company CA, a TLS-inspecting proxy, the emulator's
    /// test CA), trusted in addition to the system's store for one server's connections.
    /// </summary>
    internal sealed class CertificateBundle
    {
        private const string BeginMarker = "-----BEGIN CERTIFICATE-----";
        private const string EndMarker = "-----END CERTIFICATE-----";

        private readonly X509Certificate2[] _authorities;

        private CertificateBundle(X509Certificate2[] authorities)
        {
            _authorities = authorities;
        }

        public int Count => _authorities.Length;

        public static CertificateBundle Load(string path)
        {
            string text = File.ReadAllText(path);
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

            return new CertificateBundle(certificates.ToArray());
        }

        /// <summary>
        /// True when the system already trusts the certificate, or when its chain ends in one of the
        /// bundle's certificates. A wrong host name is never accepted.
        /// </summary>
        public bool Validates(X509Certificate2? certificate, SslPolicyErrors errors)
        {
            if (errors == SslPolicyErrors.None) return true;
            if (certificate == null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None) return false;
            using (var chain = new X509Chain())
            {
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
                chain.ChainPolicy.ExtraStore.AddRange(_authorities);
                if (!chain.Build(certificate)) return false;
                X509Certificate2 root = chain.ChainElements[chain.ChainElements.Count - 1].Certificate;
                return _authorities.Any(authority => authority.RawData.SequenceEqual(root.RawData));
            }
        }
    }
}
