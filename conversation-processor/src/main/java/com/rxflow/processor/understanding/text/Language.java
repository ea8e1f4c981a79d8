package com.rxflow.processor.understanding.text;

import java.util.Set;

/**
 * Tells Spanish from English by their commonest small words, enough to answer an emergency in the
 * patient's language. Not a language identifier: a message with more Spanish than English
 * function words is Spanish.
 */
public final class Language {

    private static final Set<String> SPANISH = Set.of("el", "la", "los", "las", "de", "del", "que", "mi", "mis", "se",
            "y", "es", "esta", "estoy", "por", "para", "con", "una", "un", "tengo", "tiene", "muy", "pero", "ayuda",
            "no", "puedo", "puede", "hijo", "hija", "quiero", "me", "le", "lo", "su", "sus", "al", "como", "cuando",
            "porque", "ya", "todo", "todas", "nada", "ahora", "hoy", "tomo", "tome", "pastillas", "yo", "estan",
            "donde", "cuanto", "cuesta", "receta", "gracias", "hola", "necesito", "favor", "farmacia", "medicina");
    private static final Set<String> ENGLISH = Set.of("the", "my", "i", "and", "is", "to", "of", "a", "it", "in",
            "me", "he", "she", "have", "has", "can", "what", "with", "for", "am", "are", "was", "on", "this", "that",
            "you", "do", "not", "please", "need", "took", "help");

    private Language() {
    }

    public static boolean isSpanish(NormalisedText text) {
        int spanish = 0;
        int english = 0;
        for (String word : text.words()) {
            if (SPANISH.contains(word)) {
                spanish++;
            }
            if (ENGLISH.contains(word)) {
                english++;
            }
        }
        return spanish >= 2 && spanish > english;
    }
}
