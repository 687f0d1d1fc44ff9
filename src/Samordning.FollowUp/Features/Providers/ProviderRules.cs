using FluentValidation;
using Mapster;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Providers;

/// <summary>The fields a provider's create and edit requests share.</summary>
public interface IProviderFields
{
    string? Name { get; }

    string? OrganisationNumber { get; }

    string? ContactEmail { get; }
}

/// <summary>The field rules of <see cref="IProviderFields"/>, included by both validators.</summary>
internal sealed class ProviderFieldsValidator : AbstractValidator<IProviderFields>
{
    public ProviderFieldsValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Namn måste anges.")
            .MaximumLength(200).WithMessage("Namnet får vara högst 200 tecken.");
        RuleFor(x => x.OrganisationNumber!).Must(OrganisationNumbers.IsValid)
            .When(x => x.OrganisationNumber is not null)
            .WithMessage("Organisationsnumret ska skrivas NNNNNN-NNNN och ha rätt kontrollsiffra.");
        RuleFor(x => x.ContactEmail).EmailAddress().When(x => !string.IsNullOrWhiteSpace(x.ContactEmail))
            .WithMessage("E-postadressen är inte giltig.")
            .MaximumLength(254).WithMessage("E-postadressen är inte giltig.");
    }
}

/// <summary>What creating and editing a provider share: the field rules and the association's unique name.</summary>
internal static class ProviderRules
{
    public const string DuplicateName = "Förbundet har redan en utförare med det namnet.";
    public const string Inactive = "Utföraren är inaktiv och kan inte få nya insatser eller deltagaransvariga.";

    public static async Task EnsureNameFreeAsync(FollowUpDbContext db, long associationId, string name, long? exceptId, CancellationToken cancellationToken)
    {
        if (await db.Providers.AnyAsync(p => p.AssociationId == associationId && p.Name == name && p.Id != exceptId, cancellationToken))
        {
            throw new ConflictException(DuplicateName, "name");
        }
    }

    /// <summary>The association's providers by name; 404 for an unknown association.</summary>
    public static async Task<List<ProviderResponse>> ListAsync(
        FollowUpDbContext db, TypeAdapterConfig mapping, long associationId, CancellationToken cancellationToken)
    {
        if (!await db.Associations.AnyAsync(a => a.Id == associationId, cancellationToken))
        {
            throw new NotFoundException(NotFoundMessages.Association);
        }

        return await db.Providers.AsNoTracking()
            .Where(p => p.AssociationId == associationId)
            .OrderBy(p => p.Name)
            .ProjectToType<ProviderResponse>(mapping)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The association's provider, tracked; 404 for another association's or an unknown id.</summary>
    public static async Task<Provider> FindAsync(FollowUpDbContext db, long associationId, long providerId, CancellationToken cancellationToken) =>
        await db.Providers.SingleOrDefaultAsync(p => p.Id == providerId && p.AssociationId == associationId, cancellationToken)
        ?? throw new NotFoundException(NotFoundMessages.Provider);

    /// <summary>Empty text is no address (a form's empty field clears it).</summary>
    public static string? Email(string? typed) => string.IsNullOrWhiteSpace(typed) ? null : typed.Trim();
}
