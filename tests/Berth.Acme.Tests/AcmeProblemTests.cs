namespace Berth.Acme.Tests;

public sealed class AcmeProblemTests
{
    [Fact]
    public void ToString_AcmeTypeWithSubproblems_KindDetailAndSubdetails()
    {
        var problem = new AcmeProblem(
            "urn:ietf:params:acme:error:rejectedIdentifier",
            "some names were refused",
            400,
            [new AcmeProblem("urn:ietf:params:acme:error:caa", "CAA forbids", 403, null)]);

        Assert.Equal("rejectedIdentifier: some names were refused (caa: CAA forbids)", problem.ToString());
    }

    [Fact]
    public void Message_ExceptionWithProblem_NamesStepAndProblem()
    {
        var exception = new AcmeException("POST https://acme.test/new-order answered 403", new AcmeProblem("urn:ietf:params:acme:error:unauthorized", "no", 403, null));

        Assert.Equal("POST https://acme.test/new-order answered 403: unauthorized: no", exception.Message);
    }
}
