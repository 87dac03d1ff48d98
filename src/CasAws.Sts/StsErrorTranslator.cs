using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using CasAws.Aws;

namespace CasAws.Sts
{
    /// <summary>
    /// Turns what the AWS SDK throws into a <see cref="StsCallException"/>, keeping STS's error code, message
    /// and request id but no SDK type (the original is not attached: its type lives in our private context).
    /// </summary>
    internal static class StsErrorTranslator
    {
        /// <summary>The translated exception, or null to let <paramref name="exception"/> through (the caller cancelled).</summary>
        public static StsCallException? Translate(Exception exception, StsEndpoint endpoint, CancellationToken cancellationToken)
        {
            if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                return null;
            }

            if (exception is OperationCanceledException || exception is TimeoutException || FindInner<TimeoutException>(exception) != null)
            {
                return new StsCallException(StsFailureKind.Timeout, null,
                    "STS at " + endpoint.ServiceUrl.Host + " did not answer within " + endpoint.Timeout.TotalSeconds + " s.", null, null);
            }

            if (exception is AmazonServiceException service && service.StatusCode != 0 && !string.IsNullOrEmpty(service.ErrorCode))
            {
                return new StsCallException(Classify(service), service.ErrorCode, service.Message, (int)service.StatusCode, service.RequestId);
            }

            Exception? network = FindNetworkFailure(exception);
            if (network != null)
            {
                return new StsCallException(StsFailureKind.Network, null, DeepestMessage(network), null, null);
            }

            if (exception is AmazonServiceException other)
            {
                int? status = other.StatusCode == 0 ? (int?)null : (int)other.StatusCode;
                return new StsCallException(StsFailureKind.Other, other.ErrorCode, other.Message, status, other.RequestId);
            }

            if (exception is AmazonClientException client)
            {
                return new StsCallException(StsFailureKind.Other, null, client.Message, null, null);
            }

            return null;
        }

        private static StsFailureKind Classify(AmazonServiceException exception)
        {
            if (exception is ExpiredTokenException)
            {
                return StsFailureKind.ExpiredToken;
            }

            if (exception is RegionDisabledException)
            {
                return StsFailureKind.RegionDisabled;
            }

            switch (exception.ErrorCode)
            {
                case "AccessDenied":
                case "AccessDeniedException":
                    return StsFailureKind.AccessDenied;
                case "ExpiredToken":
                case "ExpiredTokenException":
                case "RequestExpired":
                    return StsFailureKind.ExpiredToken;
                case "InvalidClientTokenId":
                case "SignatureDoesNotMatch":
                case "IncompleteSignature":
                case "UnrecognizedClientException":
                    return StsFailureKind.InvalidToken;
                case "ValidationError":
                case "InvalidParameterValue":
                case "MissingParameter":
                    return StsFailureKind.ValidationError;
                case "RegionDisabledException":
                    return StsFailureKind.RegionDisabled;
                default:
                    return StsFailureKind.Other;
            }
        }

        private static Exception? FindNetworkFailure(Exception exception)
        {
            for (Exception? current = exception; current != null; current = current.InnerException)
            {
                if (current is HttpRequestException || current is SocketException || current is WebException
                    || current is AuthenticationException || current is IOException)
                {
                    return current;
                }
            }

            return null;
        }

        private static T? FindInner<T>(Exception exception)
            where T : Exception
        {
            for (Exception? current = exception; current != null; current = current.InnerException)
            {
                if (current is T match)
                {
                    return match;
                }
            }

            return null;
        }

        private static string DeepestMessage(Exception exception)
        {
            Exception deepest = exception;
            while (deepest.InnerException != null)
            {
                deepest = deepest.InnerException;
            }

            return deepest == exception || exception.Message.Contains(deepest.Message)
                ? exception.Message
                : exception.Message + " (" + deepest.Message + ")";
        }
    }
}
