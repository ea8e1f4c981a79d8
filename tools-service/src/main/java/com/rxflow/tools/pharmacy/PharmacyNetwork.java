package com.rxflow.tools.pharmacy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.rxflow.tools.geo.GeoPoint;
import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.Provenance;
import com.rxflow.tools.registry.ToolFailure;

/**
 * The pharmacies the assistant can send a patient to, and the ZIP codes it can search around.
 *
 * <p>Pharmacies are named the way patients and the workflow name them: by id
 * ({@code WALMART_98765}), by name ("Walmart Pharmacy #98765"), by an alias such as the reference's
 * in-code ids ({@code walmart_plaza}), by chain ("walmart"), or by a description ("CVS Pharmacy on
 * Main Street": the chain and the street pick one). A name that fits several equally well is
 * AMBIGUOUS rather than guessed.
 */
public final class PharmacyNetwork {

    private static final Set<String> STOPWORDS = Set.of("pharmacy", "pharmacies", "the", "on", "at", "in", "near",
            "store", "drugstore", "a", "an", "by", "of", "location", "branch", "drug", "drugs", "and", "please", "one");
    private static final Map<String, String> ABBREVIATIONS = Map.of("street", "st", "avenue", "ave",
            "boulevard", "blvd", "drive", "dr", "road", "rd", "east", "e", "west", "w", "north", "n", "south", "s");

    private final Provenance provenance;
    private final Map<String, Pharmacy> byId = new LinkedHashMap<>();
    private final Map<String, OpeningHours> hours = new LinkedHashMap<>();
    private final Map<String, GeoPoint> zipCodes = new LinkedHashMap<>();

    /** @throws IllegalArgumentException for a duplicate id or unreadable opening hours */
    public PharmacyNetwork(Provenance provenance, Collection<Pharmacy> pharmacies, Collection<ZipCode> zips) {
        this.provenance = provenance;
        for (Pharmacy pharmacy : pharmacies) {
            if (byId.putIfAbsent(pharmacy.id(), pharmacy) != null) {
                throw new IllegalArgumentException("pharmacy id '" + pharmacy.id() + "' appears twice");
            }
            hours.put(pharmacy.id(), OpeningHours.parse(pharmacy.hours()));
        }
        zips.forEach(zip -> zipCodes.put(zip.zip(), zip.point()));
    }

    public Provenance provenance() {
        return provenance;
    }

    public Collection<Pharmacy> all() {
        return byId.values();
    }

    public Optional<Pharmacy> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public OpeningHours hours(Pharmacy pharmacy) {
        return hours.get(pharmacy.id());
    }

    /** The centre of a ZIP code (the first five digits of a ZIP+4). */
    public Optional<GeoPoint> zip(String zip) {
        return Optional.ofNullable(zipCodes.get(zip.substring(0, 5)));
    }

    /** The pharmacy a text names; NOT_FOUND or AMBIGUOUS otherwise. */
    public Pharmacy resolve(String text) {
        String wanted = normalize(text);
        for (Pharmacy pharmacy : byId.values()) {
            if (pharmacy.id().equalsIgnoreCase(text.strip()) || normalize(pharmacy.name()).equals(wanted)
                    || pharmacy.aliases().stream().anyMatch(alias -> normalize(alias).equals(wanted))) {
                return pharmacy;
            }
        }
        List<String> words = words(wanted);
        int best = 0;
        List<Pharmacy> leaders = new ArrayList<>();
        for (Pharmacy pharmacy : byId.values()) {
            Set<String> known = vocabulary(pharmacy);
            int score = (int) words.stream().filter(known::contains).count();
            if (score > best) {
                best = score;
                leaders.clear();
            }
            if (score == best && score > 0) {
                leaders.add(pharmacy);
            }
        }
        if (leaders.isEmpty()) {
            throw new ToolFailure(FailureCode.NOT_FOUND, "no pharmacy is called '" + text + "'; known: " + byId.keySet());
        }
        if (leaders.size() > 1) {
            throw new ToolFailure(FailureCode.AMBIGUOUS, "'" + text + "' may be any of "
                    + leaders.stream().map(p -> p.id() + " (" + p.name() + ", " + p.address().street() + ")").toList());
        }
        return leaders.get(0);
    }

    private static Set<String> vocabulary(Pharmacy pharmacy) {
        Set<String> words = new HashSet<>();
        words.addAll(words(normalize(pharmacy.name())));
        words.addAll(words(normalize(pharmacy.chain())));
        words.add(normalize(pharmacy.chain()).replace(" ", ""));
        words.addAll(words(normalize(pharmacy.id())));
        words.addAll(words(normalize(pharmacy.address().street())));
        pharmacy.aliases().forEach(alias -> words.addAll(words(normalize(alias))));
        return words;
    }

    private static List<String> words(String normalized) {
        List<String> words = new ArrayList<>();
        for (String word : normalized.split(" ")) {
            String plain = word.startsWith("#") ? word.substring(1) : word;
            plain = ABBREVIATIONS.getOrDefault(plain, plain);
            if (!plain.isEmpty() && !STOPWORDS.contains(plain)) {
                words.add(plain);
            }
        }
        return words;
    }

    /** Lower case, "H-E-B" as "heb", underscores and punctuation as spaces. */
    static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replace("-", "").replace("_", " ")
                .replaceAll("[^a-z0-9# ]+", " ").replaceAll("\\s+", " ").strip();
    }
}
