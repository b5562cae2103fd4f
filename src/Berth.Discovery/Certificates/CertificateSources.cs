namespace Berth.Discovery.Certificates;

/// <summary>Where a stored certificate came from (<see cref="StoredCertificate.Source"/>).</summary>
public static class CertificateSources
{
    /// <summary>Issued by the configured ACME server and renewed by the leader.</summary>
    public const string Acme = "acme";

    /// <summary>Uploaded by the app's tenant (or a wildcard by the admin); never replaced by ACME while valid.</summary>
    public const string Upload = "upload";
}
